using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;

namespace EcrAutomation.Kubernetes.Generator;

/// <summary>
/// Places KubernetesClient's model classes in API groups and versions and finds the types the kinds reach.
/// The models do not say which Go package a nested type comes from, so: apimachinery's meta/v1 types are listed by name
/// (they are the same set in every Kubernetes release); a type that a core kind uses is core (the other groups build on
/// core, never the reverse); otherwise it belongs to the one group whose kinds use it.
/// </summary>
internal sealed partial class ModelCatalog
{
    /// <summary>The model names (without version prefix) of k8s.io/apimachinery/pkg/apis/meta/v1's types.</summary>
    private static readonly HashSet<string> MetaTypes = new(StringComparer.Ordinal)
    {
        "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition", "DeleteOptions",
        "FieldSelectorRequirement", "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement", "ListMeta",
        "ManagedFieldsEntry", "ObjectMeta", "OwnerReference", "Preconditions", "ServerAddressByClientCIDR", "Status",
        "StatusCause", "StatusDetails", "WatchEvent",
    };

    private readonly Dictionary<Type, HashSet<string>> _groupsUsing = [];
    private readonly Dictionary<Type, ModelType> _types = [];

    public ModelCatalog()
    {
        foreach (var kind in typeof(V1Pod).Assembly.GetTypes().Where(t => t.GetCustomAttribute<KubernetesEntityAttribute>() is not null))
        {
            var group = kind.GetCustomAttribute<KubernetesEntityAttribute>()!.Group;
            foreach (var used in Reachable([kind], includeStatus: true)) (_groupsUsing.TryGetValue(used, out var set) ? set : _groupsUsing[used] = []).Add(group);
        }
    }

    /// <summary>The group, version and name of a model class.</summary>
    public ModelType Describe(Type model)
    {
        if (_types.TryGetValue(model, out var known)) return known;
        var match = VersionPrefix().Match(model.Name);
        if (!match.Success) throw new InvalidOperationException($"The model name {model.Name} has no version prefix.");
        var (version, name) = (match.Groups["version"].Value.ToLowerInvariant(), match.Groups["name"].Value);
        var group = MetaTypes.Contains(name) ? "meta"
            : model.GetCustomAttribute<KubernetesEntityAttribute>()?.Group
            ?? (match.Groups["group"].Success ? GroupNamed(match.Groups["group"].Value) : GroupUsing(model));
        return _types[model] = new ModelType(model, group, version, name);
    }

    /// <summary>
    /// The model classes reachable from <paramref name="roots"/> through their fields (the roots included); without
    /// <paramref name="includeStatus"/>, a root's <c>status</c> is not followed (resource args leave it out, as Pulumi's do).
    /// </summary>
    public static IReadOnlyList<Type> Reachable(IEnumerable<Type> roots, bool includeStatus)
    {
        var seen = new List<Type>();
        var pending = new Queue<(Type Model, bool IsRoot)>(roots.Select(r => (r, true)));
        while (pending.TryDequeue(out var next))
        {
            if (seen.Contains(next.Model)) continue;
            seen.Add(next.Model);
            var fields = next.Model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is { } json && (includeStatus || !next.IsRoot || json.Name != "status"));
            foreach (var field in fields)
                if (ModelOf(field.PropertyType) is { } model) pending.Enqueue((model, false));
        }
        return seen;
    }

    /// <summary>The model class a property type holds (directly, or as its list items or map values), if any.</summary>
    private static Type? ModelOf(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(IList<>) || type.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            ? ModelOf(type.GetGenericArguments()[^1])
            : type.IsClass && type.Namespace == typeof(V1Pod).Namespace && type != typeof(IntOrString) && type != typeof(ResourceQuantity) ? type : null;

    private string GroupUsing(Type model)
    {
        var groups = _groupsUsing.GetValueOrDefault(model) ?? [];
        if (groups.Contains("")) return "";
        return groups.Count == 1 ? groups.Single()
            : throw new InvalidOperationException($"Cannot tell the API group of {model.Name} (used by {string.Join(", ", groups)}); list it in ModelCatalog.");
    }

    private string GroupNamed(string prefix) =>
        prefix == "Core" ? ""
        : _groupsUsing.Values.SelectMany(g => g).Distinct().SingleOrDefault(g => g.Length > 0 && string.Equals(g.Split('.')[0], prefix, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"No API group is named {prefix}.");

    /// <summary>KubernetesClient's names: <c>V1PodSpec</c>, <c>V1beta1Foo</c>, and <c>Corev1ResourceClaim</c> where two groups share a name.</summary>
    [GeneratedRegex("^(?<group>[A-Z][a-z]+)?(?<version>[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?)(?<name>[A-Z].*)$")]
    private static partial Regex VersionPrefix();
}

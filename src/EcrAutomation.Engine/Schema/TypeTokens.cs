using System.Collections.Concurrent;
using System.Reflection;

namespace EcrAutomation.Schema;

/// <summary>
/// Type tokens of resource classes (their <see cref="ResourceTypeAttribute"/>) and of object types, which have none:
/// <c>&lt;package&gt;:&lt;module&gt;:&lt;Name&gt;</c> with the package of the resources in the same namespace (else of the
/// assembly), the module of those resources (else the namespace below the assembly's, without <c>Types.Inputs</c>/<c>Outputs</c>:
/// <c>kubernetes:apps/v1:DeploymentSpec</c>) and the class name without <c>Args</c>.
/// </summary>
internal static class TypeTokens
{
    private static readonly ConcurrentDictionary<Assembly, AssemblyResources> Assemblies = new();
    private static readonly ConcurrentDictionary<Type, string> ObjectTokens = new();

    /// <summary>The resource classes of <paramref name="assembly"/> and their tokens.</summary>
    public static AssemblyResources Of(Assembly assembly) => Assemblies.GetOrAdd(assembly, AssemblyResources.Read);

    public static string? OfResource(Type type) => type.GetCustomAttribute<ResourceTypeAttribute>(inherit: false)?.Type;

    public static string OfObject(Type type) => ObjectTokens.GetOrAdd(type, static t =>
    {
        var resources = Of(t.Assembly);
        var sameNamespace = resources.Classes.Where(c => c.Namespace == t.Namespace).Select(c => c.Token).Where(k => !k.StartsWith("pulumi:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault();
        var package = sameNamespace is not null ? Package(sameNamespace) : resources.MainPackage ?? t.Assembly.GetName().Name!.ToLowerInvariant();
        string module;
        if (sameNamespace is not null) module = TypeToken.DisplayName(sameNamespace).Split(':')[1];
        else
        {
            var root = t.Assembly.GetName().Name!;
            var relative = t.Namespace is { } ns && ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..] : "";
            var segments = relative.Split('.', StringSplitOptions.RemoveEmptyEntries).Where(s => s is not ("Types" or "Inputs" or "Outputs")).Select(s => s.ToLowerInvariant()).ToList();
            module = segments.Count == 0 ? "index" : string.Join('/', segments);
        }
        var name = t.Name.EndsWith("Args", StringComparison.Ordinal) && t.Name.Length > 4 ? t.Name[..^4] : t.Name;
        return $"{package}:{module}:{name}";
    });

    /// <summary>A token's package: <c>aws</c> of <c>aws:ecr/repository:Repository</c>, <c>aws</c> of <c>pulumi:providers:aws</c>.</summary>
    public static string Package(string token)
    {
        var parts = token.Split(':');
        return parts.Length == 3 && parts[0] == "pulumi" && parts[1] == "providers" ? parts[2] : parts[0];
    }

    /// <summary>A class with <see cref="ResourceTypeAttribute"/>, found without loading it.</summary>
    internal sealed record ResourceClass(string Token, string FullName, string? Namespace, bool IsPublicConcrete, Assembly Assembly)
    {
        private Type? _class;

        /// <summary>The class itself, loaded on first use.</summary>
        public Type Class => _class ??= Assembly.GetType(FullName, throwOnError: true)!;
    }

    internal sealed record AssemblyResources(IReadOnlyList<ResourceClass> Classes, string? MainPackage)
    {
        public static AssemblyResources Read(Assembly assembly)
        {
            var classes = ResourceClassReader.Read(assembly);
            var main = classes.Select(c => Package(c.Token)).GroupBy(p => p).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();
            return new AssemblyResources(classes, main);
        }
    }
}

using System.Collections.Concurrent;
using System.Reflection;

namespace EcrAutomation.Schema;

/// <summary>The input and output properties of CLR classes, read by reflection once per class.</summary>
internal static class ObjectMembers
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ObjectMember>> InputCache = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ObjectMember>> OutputCache = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<ObjectMember>> ResourceOutputCache = new();
    private static readonly Type[] EngineBases = [typeof(Resource), typeof(CustomResource), typeof(ComponentResource), typeof(ProviderResource)];

    /// <summary>
    /// What a YAML program may set on an args class: its <see cref="InputAttribute"/> members by their wire names, and its
    /// other public settable properties in camelCase (awsx's plain args classes, and aliases such as an image's <c>path</c>).
    /// </summary>
    public static IReadOnlyList<ObjectMember> InputsOf(Type type) => InputCache.GetOrAdd(type, static t =>
    {
        var members = new Dictionary<string, ObjectMember>(StringComparer.Ordinal);
        foreach (var property in t.GetProperties(Instance))
        {
            if (property.GetIndexParameters().Length > 0) continue;
            var input = property.GetCustomAttribute<InputAttribute>();
            var settable = property.SetMethod is { IsPublic: true } && property.GetMethod is { IsPublic: true };
            if (input is null && !settable) continue;
            var name = input?.Name ?? ClrTypes.CamelCase(property.Name);
            members.TryAdd(name, new ObjectMember(name, property.PropertyType, input?.IsRequired == true || ClrTypes.IsRequiredMember(property), input?.IsSecret == true, property));
        }
        foreach (var field in t.GetFields(Instance))
        {
            if (field.GetCustomAttribute<InputAttribute>() is not { } input) continue;
            members.TryAdd(input.Name, new ObjectMember(input.Name, field.FieldType, input.IsRequired, input.IsSecret, field));
        }
        return [.. members.Values];
    });

    /// <summary>The properties of an output type (a Kubernetes object's <c>metadata</c>, a cluster's <c>core</c>): its <see cref="OutputAttribute"/> properties, else its public ones.</summary>
    public static IReadOnlyList<ObjectMember> OutputsOf(Type type) => OutputCache.GetOrAdd(type, static t =>
    {
        var properties = t.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true }).ToList();
        var marked = properties.Where(p => p.IsDefined(typeof(OutputAttribute))).ToList();
        return [.. (marked.Count > 0 ? marked : properties).Select(p => Output(p)).DistinctBy(m => m.Name)];
    });

    /// <summary>
    /// A resource class's outputs: its <see cref="OutputAttribute"/> properties, its public <see cref="Output{T}"/>
    /// properties and the resources it exposes; not the engine's own (<c>urn</c>, <c>id</c>, ...).
    /// </summary>
    public static IReadOnlyList<ObjectMember> ResourceOutputsOf(Type type) => ResourceOutputCache.GetOrAdd(type, static t =>
        [.. t.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetIndexParameters().Length == 0 && !EngineBases.Contains(p.DeclaringType))
            .Where(p => p.IsDefined(typeof(OutputAttribute)) || ClrTypes.Is(p.PropertyType, typeof(Output<>)) || ClrTypes.IsResource(p.PropertyType) ||
                        ClrTypes.ListElement(p.PropertyType) is { } element && ClrTypes.IsResource(element))
            .Select(p => Output(p))
            .DistinctBy(m => m.Name)]);

    private static ObjectMember Output(PropertyInfo property) =>
        new(property.GetCustomAttribute<OutputAttribute>()?.Name ?? ClrTypes.CamelCase(property.Name), property.PropertyType, false, false, property);
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcrAutomation.Providers;

namespace EcrAutomation.Schema;

/// <summary>The schema types of CLR types (inputs and outputs of resource classes), built once per type.</summary>
internal static class SchemaTypes
{
    private static readonly Dictionary<(Type, bool), SchemaType> Objects = new();
    private static readonly Lock ObjectLock = new();

    /// <summary>The schema type of <paramref name="type"/> as an input (<paramref name="output"/> false) or an output.</summary>
    public static SchemaType Of(Type type, bool output)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (ClrTypes.ValueOfInputOrOutput(type) is { } value) return Of(value, output);
        if (ClrTypes.Is(type, typeof(InputList<>))) return SchemaType.ArrayOf(Of(type.GetGenericArguments()[0], output));
        if (ClrTypes.Is(type, typeof(InputMap<>))) return SchemaType.MapOf(Of(type.GetGenericArguments()[0], output));
        if (ClrTypes.Is(type, typeof(InputUnion<,>)) || ClrTypes.Is(type, typeof(Union<,>)))
            return SchemaType.UnionOf([.. type.GetGenericArguments().Select(t => Of(t, output))]);
        if (type == typeof(string)) return SchemaType.String;
        if (type == typeof(bool)) return SchemaType.Boolean;
        if (ClrTypes.IsInteger(type)) return SchemaType.Integer;
        if (ClrTypes.IsNumber(type)) return SchemaType.Number;
        if (type.IsEnum) return SchemaType.String with { Enum = EnumNames(type), TypeToken = TypeTokens.OfObject(type) };
        if (type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(PropertyValue)) return SchemaType.Any;
        if (type == typeof(AssetValue)) return SchemaType.Asset;
        if (ClrTypes.IsResource(type)) return SchemaType.ResourceOf(TypeTokens.OfResource(type));
        if (ClrTypes.ListElement(type) is { } element) return SchemaType.ArrayOf(Of(element, output));
        if (ClrTypes.MapValue(type) is { } mapValue) return SchemaType.MapOf(Of(mapValue, output));
        return ClrTypes.IsObjectClass(type) ? ObjectOf(type, output) : SchemaType.Any;
    }

    /// <summary>The properties of an args class (inputs) or output type, by name.</summary>
    public static IReadOnlyDictionary<string, SchemaProperty> Properties(IEnumerable<ObjectMember> members, bool output)
    {
        var properties = new Dictionary<string, SchemaProperty>(StringComparer.Ordinal);
        foreach (var member in members)
            properties[member.Name] = new SchemaProperty(member.Name, Of(member.ClrType, output), !output && member.Required, member.Secret);
        return properties;
    }

    /// <summary>An enum's values as YAML writes them: their JSON names where they have one, else their C# names.</summary>
    public static IReadOnlyList<string> EnumNames(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)];

    private static SchemaType ObjectOf(Type type, bool output)
    {
        // One lock for all, taken again by the same thread for nested types: no thread sees a type whose properties are still being read.
        lock (ObjectLock)
        {
            if (Objects.TryGetValue((type, output), out var known)) return known;
            // Registered before its properties are read, so a type that contains itself refers to this instance.
            var properties = new Dictionary<string, SchemaProperty>(StringComparer.Ordinal);
            var schemaType = SchemaType.ObjectOf(TypeTokens.OfObject(type), properties);
            Objects[(type, output)] = schemaType;
            foreach (var (name, property) in Properties(output ? ObjectMembers.OutputsOf(type) : ObjectMembers.InputsOf(type), output))
                properties[name] = property;
            return schemaType;
        }
    }
}

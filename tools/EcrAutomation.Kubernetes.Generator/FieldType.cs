using k8s.Models;

namespace EcrAutomation.Kubernetes.Generator;

/// <summary>What a model property holds, reduced to the shapes the generated C# distinguishes.</summary>
internal enum FieldKind
{
    String,
    Int,
    Long,
    Bool,
    Double,
    /// <summary>Free-form JSON (e.g. <c>fieldsV1</c>).</summary>
    Object,
    /// <summary>Kubernetes' <c>IntOrString</c>: <c>InputUnion&lt;int, string&gt;</c> / <c>Union&lt;int, string&gt;</c>.</summary>
    IntOrString,
    Model,
    List,
    Map,
}

/// <summary>The type of a model property: a kind, and the model class or the item type where it has one.</summary>
internal sealed record FieldType(FieldKind Kind, Type? Model = null, FieldType? Item = null)
{
    /// <summary>
    /// Maps a KubernetesClient property type. Quantities, timestamps and bytes are the strings the API's JSON carries
    /// (<c>"500m"</c>, RFC 3339, base64), as pulumi-kubernetes types them.
    /// </summary>
    public static FieldType Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(ResourceQuantity) || type == typeof(DateTime) || type == typeof(byte[])) return new(FieldKind.String);
        if (type == typeof(int)) return new(FieldKind.Int);
        if (type == typeof(long)) return new(FieldKind.Long);
        if (type == typeof(bool)) return new(FieldKind.Bool);
        if (type == typeof(double)) return new(FieldKind.Double);
        if (type == typeof(object)) return new(FieldKind.Object);
        if (type == typeof(IntOrString)) return new(FieldKind.IntOrString);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>))
            return new(FieldKind.List, Item: Of(type.GetGenericArguments()[0]));
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
            return new(FieldKind.Map, Item: Of(type.GetGenericArguments()[1]));
        if (type.IsClass && type.Namespace == typeof(V1Pod).Namespace) return new(FieldKind.Model, Model: type);
        throw new NotSupportedException($"The generator has no mapping for the model property type {type}.");
    }

    /// <summary>Whether it is a list or map (generated as a collection that creates itself on first use).</summary>
    public bool IsCollection => Kind is FieldKind.List or FieldKind.Map;
}

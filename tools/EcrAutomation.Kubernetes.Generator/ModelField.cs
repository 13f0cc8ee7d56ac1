using System.Reflection;
using System.Text.Json.Serialization;

namespace EcrAutomation.Kubernetes.Generator;

/// <summary>A field of a model (a property with a JSON name; helpers KubernetesClient adds are not fields): its JSON name (the wire name of the input and output), C# name and type.</summary>
/// <param name="Property">KubernetesClient's property.</param>
/// <param name="JsonName">The Kubernetes field name, from <see cref="JsonPropertyNameAttribute"/>.</param>
/// <param name="Type">What it holds.</param>
/// <param name="Required">
/// Whether the schema requires it. KubernetesClient's models carry this for value types only (a required <c>int</c> is
/// not nullable); its reference types are nullable-oblivious and its models have no <c>Validate()</c> any more, so a
/// required string, object or list is left to the API server's validation.
/// </param>
internal sealed record ModelField(PropertyInfo Property, string JsonName, FieldType Type, bool Required)
{
    public string Name => Property.Name;

    public static IReadOnlyList<ModelField> Of(Type model) =>
    [
        .. model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null)
            .Select(p => new ModelField(
                p,
                p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name,
                FieldType.Of(p.PropertyType),
                p.PropertyType.IsValueType && Nullable.GetUnderlyingType(p.PropertyType) is null))
            .OrderBy(f => f.JsonName, StringComparer.Ordinal),
    ];
}

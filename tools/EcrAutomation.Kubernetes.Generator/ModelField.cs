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
    /// <summary>
    /// The C# name: the JSON name in PascalCase, as pulumi-kubernetes names it (<c>Namespace</c>, <c>Operator</c>,
    /// <c>ReadOnly</c>, where KubernetesClient says <c>NamespaceProperty</c> to avoid C# keywords in its lower case).
    /// </summary>
    public string Name => JsonName.All(char.IsAsciiLetterOrDigit)
        ? char.ToUpperInvariant(JsonName[0]) + JsonName[1..]
        : throw new NotSupportedException($"The field {Property.DeclaringType!.Name}.{JsonName} has no C# name.");

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

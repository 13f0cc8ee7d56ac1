using System.Text.Json.Nodes;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Tests.Types;

/// <summary>A property map as the JSON object it stands for (secrets unwrapped), to compare with Kubernetes objects.</summary>
internal static class PropertyMapJson
{
    public static JsonObject ToJson(PropertyMap map) => new(map.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value))));

    private static JsonNode? ToJson(PropertyValue value) => value.Kind switch
    {
        PropertyKind.Null => null,
        PropertyKind.Bool => JsonValue.Create(value.AsBool),
        PropertyKind.Number => value.AsNumber == Math.Floor(value.AsNumber) ? JsonValue.Create((long)value.AsNumber) : JsonValue.Create(value.AsNumber),
        PropertyKind.String => JsonValue.Create(value.AsString),
        PropertyKind.Secret => ToJson(value.SecretValue),
        PropertyKind.List => new JsonArray([.. value.AsList.Select(ToJson)]),
        PropertyKind.Map => ToJson(value.AsMap),
        _ => throw new NotSupportedException($"A {value.Kind} is not part of a Kubernetes object."),
    };
}

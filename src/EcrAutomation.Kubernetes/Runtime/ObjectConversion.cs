using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>Kubernetes objects as the engine's property model and back: an object's inputs are the object itself.</summary>
internal static class ObjectConversion
{
    /// <summary>The object to send for checked inputs: secrets unwrapped, engine-only keys (<c>__*</c>) left out.</summary>
    /// <exception cref="ResourceProviderException">A value is still unknown.</exception>
    public static JsonObject ToJson(PropertyMap inputs)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in inputs)
            if (!key.StartsWith("__", StringComparison.Ordinal)) obj[key] = ToJson(value, key);
        return obj;
    }

    private static JsonNode? ToJson(PropertyValue value, string path) => value.Kind switch
    {
        PropertyKind.Null => null,
        PropertyKind.Bool => JsonValue.Create(value.AsBool),
        PropertyKind.Number => value.AsNumber % 1 == 0 && Math.Abs(value.AsNumber) < 9e15 ? JsonValue.Create((long)value.AsNumber) : JsonValue.Create(value.AsNumber),
        PropertyKind.String => JsonValue.Create(value.AsString),
        PropertyKind.Secret => ToJson(value.SecretValue, path),
        PropertyKind.List => new JsonArray([.. value.AsList.Select((v, i) => ToJson(v, $"{path}[{i}]"))]),
        PropertyKind.Map => new JsonObject(value.AsMap.Select(kv => KeyValuePair.Create(kv.Key, ToJson(kv.Value, path + "." + kv.Key)))),
        PropertyKind.ResourceReference => JsonValue.Create(value.AsReference.Id ?? value.AsReference.Urn),
        PropertyKind.Unknown => throw new ResourceProviderException($"'{path}' is not known yet; it cannot be sent to the cluster"),
        _ => throw new ResourceProviderException($"'{path}' is an asset or archive, which a Kubernetes object cannot hold"),
    };

    /// <summary>A JSON object as properties.</summary>
    public static PropertyMap ToProperties(JsonObject obj) =>
        PropertyMap.From(obj.Select(kv => KeyValuePair.Create(kv.Key, ToProperty(kv.Value))));

    /// <summary>A JSON value as a property value.</summary>
    public static PropertyValue ToProperty(JsonNode? node) => node switch
    {
        null => PropertyValue.Null,
        JsonObject o => PropertyValue.Of(ToProperties(o)),
        JsonArray a => PropertyValue.Of(a.Select(ToProperty)),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => PropertyValue.Of(v.GetValue<string>()),
            JsonValueKind.True => PropertyValue.True,
            JsonValueKind.False => PropertyValue.False,
            JsonValueKind.Number => PropertyValue.Of(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)),
            _ => PropertyValue.Null,
        },
        _ => PropertyValue.Null,
    };

    /// <summary>The value at a dotted path of maps (<c>metadata.name</c>), or null.</summary>
    public static PropertyValue? At(PropertyMap map, params string[] path)
    {
        PropertyValue current = PropertyValue.Of(map);
        foreach (var segment in path)
        {
            if (current.IsSecret) current = current.SecretValue;
            if (current.Kind != PropertyKind.Map || !current.AsMap.TryGetValue(segment, out var next)) return null;
            current = next;
        }
        return current;
    }

    /// <summary>The string at a dotted path, or null.</summary>
    public static string? StringAt(PropertyMap map, params string[] path) =>
        At(map, path) is { } v && (v.IsSecret ? v.SecretValue : v) is { Kind: PropertyKind.String } s ? s.AsString : null;

    /// <summary>A copy of <paramref name="map"/> with the value at <paramref name="path"/> set, creating maps on the way.</summary>
    public static PropertyMap SetAt(PropertyMap map, PropertyValue value, params string[] path)
    {
        if (path.Length == 1) return map.Set(path[0], value);
        var child = map.TryGetValue(path[0], out var existing) && existing.Kind == PropertyKind.Map ? existing.AsMap : PropertyMap.Empty;
        return map.Set(path[0], PropertyValue.Of(SetAt(child, value, path[1..])));
    }

    /// <summary>A copy of <paramref name="map"/> without the value at <paramref name="path"/>.</summary>
    public static PropertyMap RemoveAt(PropertyMap map, params string[] path)
    {
        if (path.Length == 1) return map.Remove(path[0]);
        if (!map.TryGetValue(path[0], out var child) || child.Kind != PropertyKind.Map) return map;
        return map.Set(path[0], PropertyValue.Of(RemoveAt(child.AsMap, path[1..])));
    }

    /// <summary>A string in a JSON object at a path, or null.</summary>
    public static string? StringAt(JsonNode? node, params string[] path)
    {
        foreach (var segment in path) node = (node as JsonObject)?[segment];
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }

    /// <summary>A number in a JSON object at a path, or null.</summary>
    public static long? NumberAt(JsonNode? node, params string[] path)
    {
        foreach (var segment in path) node = (node as JsonObject)?[segment];
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (long)double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : null;
    }
}

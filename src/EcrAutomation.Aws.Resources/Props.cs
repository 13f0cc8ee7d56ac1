using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>Small conversions between property maps and plain values.</summary>
internal static class Props
{
    public static PropertyValue Str(string? s) => PropertyValue.Of(s);

    public static PropertyValue Num(int? value) => value is { } v ? PropertyValue.Of(v) : PropertyValue.Null;

    public static PropertyValue Strings(IEnumerable<string>? items) =>
        items is null ? PropertyValue.Null : PropertyValue.Of(items.Select(PropertyValue.Of));

    public static PropertyValue Map(IEnumerable<KeyValuePair<string, string>>? items) =>
        items is null ? PropertyValue.Null : PropertyValue.Of(PropertyMap.From(items.Select(kv => KeyValuePair.Create(kv.Key, PropertyValue.Of(kv.Value)))));

    public static int? Int(PropertyMap? map, string key) => map?.GetNumber(key) is { } n ? (int)n : null;

    public static IReadOnlyList<string> StringList(PropertyMap map, string key) =>
        map.TryGetValue(key, out var v) && v.Unsecret() is { Kind: PropertyKind.List } l
            ? [.. l.AsList.Select(i => i.Unsecret()).Where(i => i.Kind == PropertyKind.String).Select(i => i.AsString)]
            : [];

    public static IReadOnlyDictionary<string, string> StringMap(PropertyMap map, string key) =>
        map.TryGetValue(key, out var v) && v.Unsecret() is { Kind: PropertyKind.Map } m
            ? m.AsMap.Where(kv => kv.Value.Kind == PropertyKind.String).ToDictionary(kv => kv.Key, kv => kv.Value.AsString, StringComparer.Ordinal)
            : new Dictionary<string, string>();

    public static IReadOnlyList<PropertyMap> Maps(PropertyMap map, string key) =>
        map.TryGetValue(key, out var v) && v.Unsecret() is { Kind: PropertyKind.List } l
            ? [.. l.AsList.Where(i => i.Kind == PropertyKind.Map).Select(i => i.AsMap)]
            : [];

    public static PropertyMap? Object(PropertyMap map, string key) =>
        map.TryGetValue(key, out var v) && v.Unsecret() is { Kind: PropertyKind.Map } m ? m.AsMap : null;

    public static bool IsUnknown(PropertyMap inputs, string key) => inputs.TryGetValue(key, out var v) && v.ContainsUnknowns();
}

using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>Runs AWS calls for providers: AWS errors become provider errors whose message is shown to the user as is.</summary>
internal static class AwsCall
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    public static async Task RunAsync(Func<Task> call)
    {
        try { await call().ConfigureAwait(false); }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }
}

/// <summary>Small conversions between property maps and plain values.</summary>
internal static class Props
{
    public static PropertyValue Str(string? s) => PropertyValue.Of(s);

    public static PropertyValue Map(IEnumerable<KeyValuePair<string, string>>? items) =>
        items is null ? PropertyValue.Null : PropertyValue.Of(PropertyMap.From(items.Select(kv => KeyValuePair.Create(kv.Key, PropertyValue.Of(kv.Value)))));

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
}

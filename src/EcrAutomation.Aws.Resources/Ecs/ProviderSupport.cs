using System.Globalization;
using System.Text.Json;
using EcrAutomation.Providers;
using EcrAutomation.State;

namespace EcrAutomation.Aws.Resources;

/// <summary>Conversions shared by the ECS, IAM, EC2, ELB and Logs providers.</summary>
internal static class Support
{
    /// <summary>The inputs plus the computed outputs.</summary>
    public static PropertyMap Merge(PropertyMap inputs, params (string Key, PropertyValue Value)[] computed)
    {
        var outputs = inputs.Remove(AutoNaming.DefaultsKey);
        foreach (var (k, v) in computed) outputs = outputs.Set(k, v);
        return outputs;
    }

    public static PropertyValue Strings(IEnumerable<string>? items) =>
        items is null ? PropertyValue.Null : PropertyValue.Of(items.Select(PropertyValue.Of));

    public static IReadOnlyList<string> StringList(PropertyMap map, string key) =>
        map.TryGetValue(key, out var v) && v.Unsecret() is { Kind: PropertyKind.List } l
            ? [.. l.AsList.Select(i => i.Unsecret()).Where(i => i.Kind == PropertyKind.String).Select(i => i.AsString)]
            : [];

    public static int? Int(PropertyMap? map, string key) => map?.GetNumber(key) is { } n ? (int)n : null;

    public static PropertyValue Num(int? value) => value is { } v ? PropertyValue.Of(v) : PropertyValue.Null;

    public static bool IsUnknown(PropertyMap inputs, string key) => inputs.TryGetValue(key, out var v) && v.ContainsUnknowns();

    /// <summary>A JSON document as a property value (objects become maps, numbers doubles).</summary>
    public static PropertyValue FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => PropertyValue.Of(PropertyMap.From(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, FromJson(p.Value))))),
        JsonValueKind.Array => PropertyValue.Of(e.EnumerateArray().Select(FromJson)),
        JsonValueKind.String => PropertyValue.Of(e.GetString()),
        JsonValueKind.Number => PropertyValue.Of(e.GetDouble()),
        JsonValueKind.True => PropertyValue.True,
        JsonValueKind.False => PropertyValue.False,
        _ => PropertyValue.Null,
    };

    /// <summary>A property map as JSON text (for the documents AWS takes as strings).</summary>
    public static string ToJson(PropertyMap map) => JsonSerializer.Serialize(PropertyJson.ToDisplayObject(map));

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The read result for refresh/import: the inputs as AWS reports them, and the outputs derived from them.</summary>
    public static ReadResponse Read(string id, PropertyMap inputs, params (string Key, PropertyValue Value)[] computed) =>
        new(id, Merge(inputs, computed), inputs);

    /// <summary>Runs a delete call, counting the given not-found codes as already deleted.</summary>
    public static async Task DeleteAsync(Func<Task> call, params string[] goneCodes)
    {
        try { await call().ConfigureAwait(false); }
        catch (AwsServiceException e) when (goneCodes.Contains(e.ErrorCode)) { }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }
}

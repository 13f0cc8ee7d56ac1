using System.Globalization;
using System.Text.Json;
using EcrAutomation.Providers;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

/// <summary>Pulumi's provider references (<c>&lt;provider urn&gt;::&lt;id&gt;</c>) and provider resources' config.</summary>
internal static class ProviderReferences
{
    public const string TypePrefix = "pulumi:providers:";

    public static bool IsProviderType(string type) => type.StartsWith(TypePrefix, StringComparison.Ordinal);

    /// <summary>The URN part of a reference.</summary>
    public static string UrnOf(string reference) =>
        reference.LastIndexOf("::", StringComparison.Ordinal) is > 0 and var at ? reference[..at] : reference;

    /// <summary>The id part of a reference (empty when it has none).</summary>
    public static string IdOf(string reference) =>
        reference.LastIndexOf("::", StringComparison.Ordinal) is > 0 and var at ? reference[(at + 2)..] : "";

    /// <summary>Whether a reference is to a stack's default provider (whose config is the stack's).</summary>
    public static bool IsDefault(string reference) => Urns.Name(UrnOf(reference)) == "default";

    /// <summary>
    /// The configuration resources of an explicit provider see: the stack's, with the provider's package replaced by the
    /// provider's inputs (<c>region</c> becomes <c>aws:region</c>; secrets in plain text, as providers get all config; a value not known yet
    /// at preview is left out).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Config(ResourceState provider, IReadOnlyDictionary<string, string> stackConfig)
    {
        var prefix = provider.Type[TypePrefix.Length..] + ":";
        var config = stackConfig.Where(kv => !kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (key, value) in provider.Inputs)
            if (!value.ContainsUnknowns() && Text(value.Unsecret()) is { } text) config[prefix + key] = text;
        return config;
    }

    private static string? Text(PropertyValue value) => value.Kind switch
    {
        PropertyKind.String => value.AsString,
        PropertyKind.Bool => value.AsBool ? "true" : "false",
        PropertyKind.Number => value.AsNumber.ToString(CultureInfo.InvariantCulture),
        PropertyKind.List or PropertyKind.Map => JsonSerializer.Serialize(Plain(value)),
        _ => null,
    };

    private static object? Plain(PropertyValue value) => value.Unsecret() switch
    {
        { Kind: PropertyKind.List } list => list.AsList.Select(Plain).ToList(),
        { Kind: PropertyKind.Map } map => map.AsMap.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)),
        var scalar => Text(scalar),
    };
}

using System.Security.Cryptography;

namespace EcrAutomation.Providers;

/// <summary>
/// Physical names for resources the program did not name: logical name + "-" + 7 lowercase hex characters, derived from
/// the engine's seed so that preview and up agree, and kept in state (listed in <c>__defaults</c>) across updates.
/// </summary>
public static class AutoNaming
{
    /// <summary>The input property that lists which properties hold auto-names (Pulumi's <c>__defaults</c>), so later checks keep them.</summary>
    public const string DefaultsKey = "__defaults";

    /// <summary><paramref name="logicalName"/>-<c>&lt;7 hex&gt;</c>; throws when the result exceeds <paramref name="maxLength"/>.</summary>
    public static string Generate(string logicalName, ReadOnlySpan<byte> seed, int maxLength = 255)
    {
        var hash = SHA256.HashData(seed);
        var name = $"{logicalName}-{Convert.ToHexStringLower(hash)[..7]}";
        if (name.Length > maxLength)
            throw new ResourceProviderException($"the auto-generated name '{name}' is longer than {maxLength} characters; give the resource a shorter logical name or an explicit name");
        return name;
    }

    /// <summary>
    /// Fills <paramref name="property"/> of the checked inputs: the given value, else the previous auto-name, else a new one.
    /// </summary>
    public static PropertyMap Apply(CheckRequest request, string property = "name", int maxLength = 255, Func<string, string>? transformLogicalName = null)
    {
        var inputs = request.NewInputs;
        if (inputs.GetString(property) is not null) return inputs;
        var previous = request.OldInputs?.GetString(property);
        var wasDefault = request.OldInputs is { } old && old.TryGetValue(DefaultsKey, out var d) && d.Kind == PropertyKind.List &&
            d.AsList.Any(v => v.Kind == PropertyKind.String && v.AsString == property);
        var logical = transformLogicalName?.Invoke(request.Name) ?? request.Name;
        var name = previous is not null && wasDefault ? previous : Generate(logical, request.RandomSeed, maxLength);
        return inputs.Set(property, PropertyValue.Of(name)).Set(DefaultsKey, PropertyValue.Of([PropertyValue.Of(property)]));
    }
}

using System.Security.Cryptography;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// pulumi-aws's <c>namePrefix</c>: a name the program leaves unset but gives a prefix for becomes the prefix plus 26
/// random-looking characters (derived from the engine's seed, so preview and up agree), kept across updates while the
/// prefix stays the same.
/// </summary>
internal static class NamePrefix
{
    private const int SuffixLength = 26;

    /// <summary>The checked inputs with <paramref name="nameKey"/> filled from <paramref name="prefixKey"/>, or null when there is no prefix (or a name is given).</summary>
    public static PropertyMap? Apply(CheckRequest request, string nameKey, string prefixKey, int maxLength)
    {
        var inputs = request.NewInputs;
        if (inputs.GetString(nameKey) is not null || inputs.GetString(prefixKey) is not { } prefix) return null;
        var previous = request.OldInputs?.GetString(nameKey);
        var wasDefault = request.OldInputs is { } old && old.TryGetValue(AutoNaming.DefaultsKey, out var d) && d.Kind == PropertyKind.List
            && d.AsList.Any(v => v.Kind == PropertyKind.String && v.AsString == nameKey);
        var name = previous is not null && wasDefault && previous.StartsWith(prefix, StringComparison.Ordinal) && previous.Length == prefix.Length + SuffixLength
            ? previous
            : prefix + Convert.ToHexStringLower(SHA256.HashData(request.RandomSeed))[..SuffixLength];
        if (name.Length > maxLength)
            throw new ResourceProviderException($"{prefixKey} '{prefix}' leaves no room for the {SuffixLength}-character suffix within {maxLength} characters; shorten it.");
        return inputs.Set(nameKey, PropertyValue.Of(name)).Set(AutoNaming.DefaultsKey, PropertyValue.Of([PropertyValue.Of(nameKey)]));
    }
}

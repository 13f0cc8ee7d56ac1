namespace EcrAutomation.Schema;

/// <summary>pulumi-yaml's rules for the type and function tokens a program writes (packages.go <c>resolveToken</c>).</summary>
internal static class TokenResolution
{
    /// <summary>
    /// The canonical token <paramref name="yamlToken"/> means among <paramref name="tokens"/> (keyed case-insensitively):
    /// itself; <c>pkg:Name</c> as <c>pkg:index:Name</c>; <c>pkg:mod:Name</c> as <c>pkg:mod/name:Name</c>.
    /// </summary>
    public static string? Resolve(string yamlToken, IReadOnlyDictionary<string, string> tokens)
    {
        ArgumentNullException.ThrowIfNull(yamlToken);
        if (tokens.TryGetValue(yamlToken, out var exact)) return exact;
        var parts = yamlToken.Split(':');
        if (parts.Length == 2) parts = [parts[0], "index", parts[1]];
        if (parts.Length != 3 || parts.Any(p => p.Length == 0)) return null;
        if (tokens.TryGetValue(string.Join(':', parts), out var indexed)) return indexed;
        if (parts[1].Contains('/')) return null;
        var name = parts[2];
        return tokens.TryGetValue($"{parts[0]}:{parts[1]}/{char.ToLowerInvariant(name[0])}{name[1..]}:{name}", out var expanded) ? expanded : null;
    }
}

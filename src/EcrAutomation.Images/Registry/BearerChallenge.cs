using System.Text.RegularExpressions;

namespace EcrAutomation.Images.Registry;

/// <summary>The parameters of a <c>WWW-Authenticate: Bearer realm=…,service=…,scope=…</c> challenge.</summary>
internal sealed partial record BearerChallenge(string Realm, string? Service, string? Scope)
{
    /// <exception cref="RegistryAuthenticationException">The challenge has no realm.</exception>
    public static BearerChallenge Parse(string? parameter)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in ChallengeParameter().Matches(parameter ?? string.Empty))
        {
            values[match.Groups[1].Value] = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
        }

        return values.TryGetValue("realm", out var realm)
            ? new BearerChallenge(realm, values.GetValueOrDefault("service"), values.GetValueOrDefault("scope"))
            : throw new RegistryAuthenticationException("The registry sent a Bearer challenge without a realm.");
    }

    [GeneratedRegex("([a-zA-Z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))")]
    private static partial Regex ChallengeParameter();
}

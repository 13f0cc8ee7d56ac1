using System.Collections.Concurrent;
using System.Globalization;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Images.Registry;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Images;

/// <summary>
/// Registry credentials from ECR GetAuthorizationToken, cached per AWS connection (one per run and stack configuration, so
/// two stacks never share credentials) and registry until shortly before they expire (tokens last 12 hours); expired
/// entries are dropped on the next fetch. The password lives only in memory: never in inputs, outputs, state or logs.
/// </summary>
internal sealed class EcrCredentials(TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<(AwsConnection Connection, string Registry), (RegistryCredentials Credentials, DateTimeOffset ExpiresAt)> _cache = new();

    /// <summary>Passwords currently cached (for tests proving they never leak).</summary>
    internal IEnumerable<string> CachedPasswords => _cache.Values.Select(v => v.Credentials.Password);

    /// <summary>Gets credentials for a registry host.</summary>
    /// <exception cref="ResourceProviderException">ECR returns no usable credentials.</exception>
    public async Task<RegistryCredentials> GetAsync(AwsConnection connection, RegistryLogin login, CancellationToken cancellationToken = default)
    {
        var registryId = login.RegistryId ?? RegistryIdOf(login.Address);
        var key = (connection, login.Address + "|" + registryId);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.ExpiresAt - Margin > now) return hit.Credentials;

        var response = await connection.Ecr.GetAuthorizationTokenAsync(
            new GetAuthorizationTokenRequest { RegistryIds = registryId is null ? null : [registryId] }, cancellationToken).ConfigureAwait(false);
        var data = response.AuthorizationData.FirstOrDefault()
            ?? throw new ResourceProviderException($"ECR GetAuthorizationToken returned no authorization data for registry '{login.Address}'.");
        string user, password;
        try
        {
            (user, password) = data.DecodeCredentials();
        }
        catch (FormatException)
        {
            throw new ResourceProviderException($"Invalid credentials: the ECR authorization token for '{login.Address}' is not of the form user:password.");
        }

        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            throw new ResourceProviderException($"Invalid credentials for registry '{login.Address}'.");
        }

        var credentials = new RegistryCredentials(user, password);
        foreach (var (staleKey, stale) in _cache)
            if (stale.ExpiresAt - Margin <= now) _cache.TryRemove(KeyValuePair.Create(staleKey, stale));
        _cache[key] = (credentials, data.ExpiresAt ?? now.AddHours(12));
        return credentials;
    }

    /// <summary>awsx: the registry id is the first label of the host, when that is an AWS account id.</summary>
    internal static string? RegistryIdOf(string address)
    {
        var host = address.Split(':')[0];
        var first = host.Split('.')[0];
        return first.Length == 12 && first.All(char.IsAsciiDigit) ? first.ToString(CultureInfo.InvariantCulture) : null;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EcrAutomation.Images.Registry;

/// <summary>
/// Registry auth: learns the scheme (none, Basic or Bearer) from the first challenge, fetches Bearer tokens per scope
/// before sending so that request bodies never go into a 401, and answers a late challenge once.
/// </summary>
internal sealed class RegistryAuthenticator(HttpClient http, Uri baseUri, string registry, RegistryCredentials? credentials)
{
    private readonly ConcurrentDictionary<string, string> _bearerTokens = new(StringComparer.Ordinal);
    private volatile AuthScheme _scheme = AuthScheme.Unknown;
    private volatile BearerChallenge? _bearer;

    private enum AuthScheme
    {
        Unknown,
        None,
        Basic,
        Bearer,
    }

    /// <summary>Who the registry sees, for error messages.</summary>
    public string Who => credentials is null ? "anonymous request" : $"credentials of user '{credentials.Username}'";

    /// <summary>The token scope of a request to <paramref name="repository"/> (empty for registry-wide requests).</summary>
    public static string ScopeFor(string? repository, string? mountFrom)
    {
        if (repository is null)
        {
            return string.Empty;
        }

        var scope = $"repository:{repository}:pull,push";
        return mountFrom is null ? scope : $"{scope} repository:{mountFrom}:pull";
    }

    /// <summary>Makes sure a request for <paramref name="scope"/> can carry its credentials on the first try.</summary>
    public async Task PrepareAsync(string scope, CancellationToken cancellationToken)
    {
        if (_scheme == AuthScheme.Unknown && credentials is not null)
        {
            // Learn the scheme once so that request bodies are not sent twice.
            await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_scheme == AuthScheme.Bearer && _bearer is { } known && !_bearerTokens.ContainsKey(scope))
        {
            _bearerTokens[scope] = await FetchTokenAsync(known, scope, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The Authorization header for a request of <paramref name="scope"/>; null when none is known yet.</summary>
    public AuthenticationHeaderValue? HeaderFor(string scope) => _scheme switch
    {
        AuthScheme.Basic when credentials is not null => BasicHeader(credentials),
        AuthScheme.Bearer when _bearerTokens.TryGetValue(scope, out var token) => new AuthenticationHeaderValue("Bearer", token),
        _ => null,
    };

    /// <summary>Switches to the challenged scheme (fetching a token for Bearer) so that the request can be sent again.</summary>
    /// <exception cref="RegistryAuthenticationException">Credentials are needed and missing, or the scheme is unsupported.</exception>
    public async Task AnswerChallengeAsync(AuthenticationHeaderValue? challenge, string scope, CancellationToken cancellationToken)
    {
        if (string.Equals(challenge?.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (credentials is null)
            {
                throw new RegistryAuthenticationException($"The registry {registry} requires credentials (Basic auth) and none were given.");
            }

            _scheme = AuthScheme.Basic;
            return;
        }

        if (string.Equals(challenge?.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var parsed = BearerChallenge.Parse(challenge!.Parameter);
            _bearer = parsed;
            _scheme = AuthScheme.Bearer;
            _bearerTokens[scope] = await FetchTokenAsync(parsed, parsed.Scope ?? scope, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw new RegistryAuthenticationException($"The registry {registry} answered 401 with an unsupported challenge '{challenge?.Scheme ?? "(none)"}'.");
    }

    private async Task DiscoverAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, "v2/"));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            _scheme = AuthScheme.None;
            return;
        }

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        if (string.Equals(challenge?.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            _scheme = AuthScheme.Basic;
        }
        else if (string.Equals(challenge?.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            _bearer = BearerChallenge.Parse(challenge!.Parameter);
            _scheme = AuthScheme.Bearer;
        }
    }

    private async Task<string> FetchTokenAsync(BearerChallenge challenge, string scope, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        if (challenge.Service is not null)
        {
            query.Append("service=").Append(Uri.EscapeDataString(challenge.Service));
        }

        foreach (var part in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            query.Append(query.Length > 0 ? "&" : string.Empty).Append("scope=").Append(Uri.EscapeDataString(part));
        }

        var realm = new UriBuilder(challenge.Realm) { Query = query.ToString() }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, realm);
        if (credentials is not null)
        {
            request.Headers.Authorization = BasicHeader(credentials);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RegistryAuthenticationException($"The token service of {registry} refused the credentials ({(int)response.StatusCode}).", response.StatusCode);
        }

        await RegistryErrors.EnsureSuccessAsync(response, registry, "GET token", cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        var root = document.RootElement;
        var token = root.TryGetProperty("token", out var t) ? t.GetString()
            : root.TryGetProperty("access_token", out var a) ? a.GetString()
            : null;
        return token ?? throw new RegistryAuthenticationException($"The token service of {registry} returned no token.");
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
}

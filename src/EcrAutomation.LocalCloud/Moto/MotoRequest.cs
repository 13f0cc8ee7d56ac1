using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Moto;

/// <summary>
/// One request for moto, buffered so it can be both forwarded and journaled. <see cref="Seed"/> is the value moto's
/// random generator is seeded with just before it serves a journaled request, so a replay produces the same ids.
/// Signatures and session tokens are never kept (moto does not verify them).
/// </summary>
internal sealed partial record MotoRequest(string Method, string PathAndQuery, Dictionary<string, string[]> Headers, byte[] Body)
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
        "Content-Length", "X-Amz-Security-Token",
    };

    // Operation names that only read (AWS's naming convention); everything else may change moto's state.
    private static readonly string[] ReadOnlyPrefixes = ["Describe", "List", "Get", "BatchGet", "Filter", "Lookup", "Search"];

    public Dictionary<string, string[]> Headers { get; init; } = new(Headers, StringComparer.OrdinalIgnoreCase);

    public long Seed { get; init; }

    /// <summary>The HTTP status moto answered with when the request was journaled.</summary>
    public int Status { get; init; }

    [JsonIgnore]
    public bool IsMotoApi => PathAndQuery.StartsWith("/moto-api", StringComparison.Ordinal);

    /// <summary>The credential scope (<c>access key/region/service</c>) moto keys its lazily created backends by.</summary>
    [JsonIgnore]
    public string Scope
    {
        get
        {
            var match = CredentialScope().Match(Header("Authorization") ?? HttpUtility.UrlDecode(PathAndQuery));
            return match.Success ? $"{match.Groups["key"].Value}/{match.Groups["region"].Value}/{match.Groups["service"].Value}" : string.Empty;
        }
    }

    /// <summary>Whether the request may change moto's state: any operation not named like a read, any non-GET REST call.</summary>
    [JsonIgnore]
    public bool MayChangeState
    {
        get
        {
            var operation = Operation();
            return operation is null
                ? !HttpMethods.IsGet(Method) && !HttpMethods.IsHead(Method)
                : !ReadOnlyPrefixes.Any(p => operation.StartsWith(p, StringComparison.Ordinal));
        }
    }

    public static async Task<MotoRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        var headers = request.Headers
            .Where(h => !NotForwarded.Contains(h.Key))
            .ToDictionary(
                h => h.Key,
                h => h.Value.Select(v => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? Redact(v ?? string.Empty) : v ?? string.Empty).ToArray(),
                StringComparer.OrdinalIgnoreCase);
        headers["Host"] = [request.Host.Value ?? string.Empty];
        return new MotoRequest(request.Method, Redact(request.Path.ToUriComponent() + request.QueryString.ToUriComponent()), headers, body.ToArray());
    }

    public HttpRequestMessage ToMessage(Uri motoBaseUri)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(motoBaseUri, PathAndQuery));
        if (Body.Length > 0)
        {
            message.Content = new ByteArrayContent(Body);
        }

        foreach (var (name, values) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return message;
    }

    private string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    /// <summary>The JSON protocols' <c>X-Amz-Target</c> operation, or the query protocols' <c>Action</c>; null for REST.</summary>
    private string? Operation()
    {
        if (Header("X-Amz-Target") is { } target)
        {
            return target[(target.LastIndexOf('.') + 1)..];
        }

        var query = PathAndQuery.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? HttpUtility.ParseQueryString(PathAndQuery[q..]) : null;
        if (query?["Action"] is { } action)
        {
            return action;
        }

        return Header("Content-Type") is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? HttpUtility.ParseQueryString(System.Text.Encoding.UTF8.GetString(Body))["Action"]
            : null;
    }

    private static string Redact(string text) => Secret().Replace(text, "${name}=redacted");

    [GeneratedRegex(@"Credential=(?<key>[^/,&\s]+)/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();

    [GeneratedRegex(@"(?<name>Signature|X-Amz-Signature|X-Amz-Security-Token)=[^,&\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}

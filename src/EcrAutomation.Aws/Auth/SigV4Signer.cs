using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EcrAutomation.Aws.Auth;

/// <summary>
/// AWS Signature Version 4 for header-based authentication of non-S3 services (path segments are
/// encoded twice, the payload hash is not sent as a header).
/// </summary>
internal static class SigV4Signer
{
    /// <summary>The algorithm name in the Authorization header.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "user-agent", "expect", "connection", "transfer-encoding", "content-length", "x-amzn-trace-id",
        "amz-sdk-request", "amz-sdk-invocation-id",
    };

    /// <summary>
    /// Signs <paramref name="request"/> in place: sets <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (when the
    /// credentials have one) and <c>Authorization</c>. Every request header except the usual unsigned ones
    /// (User-Agent, Content-Length, ...) is signed, plus <c>host</c> and the content's <c>Content-Type</c>.
    /// </summary>
    /// <returns>The hex signature.</returns>
    public static string Sign(
        HttpRequestMessage request, ReadOnlySpan<byte> payload, AwsSigningCredentials credentials, string region, string service,
        DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        var amzDate = timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        request.Headers.Remove("Authorization");
        request.Headers.Remove("X-Amz-Date");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.Remove("X-Amz-Security-Token");
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.SessionToken);
        }

        var headers = new List<KeyValuePair<string, string>>
        {
            new("host", request.Headers.Host ?? HostHeader(uri)),
        };
        foreach (var header in request.Headers)
        {
            if (!UnsignedHeaders.Contains(header.Key) && !header.Key.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(new(header.Key, string.Join(',', header.Value)));
            }
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers.Add(new("content-type", contentType.ToString()));
        }

        var result = ComputeSignature(
            request.Method.Method, uri.AbsolutePath, uri.Query, headers, HexSha256(payload), credentials, region, service, timestamp);
        request.Headers.TryAddWithoutValidation("Authorization", result.Authorization);
        return result.Signature;
    }

    /// <summary>Computes the signature of a request described by its parts (all steps exposed for tests and verifiers).</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="path">The request path as sent on the wire (already percent-encoded once).</param>
    /// <param name="query">The raw query string with or without the leading <c>?</c>.</param>
    /// <param name="headers">Headers to sign (names in any case; repeated names are joined with commas).</param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body.</param>
    /// <param name="credentials">Credentials.</param>
    /// <param name="region">Signing region.</param>
    /// <param name="service">Signing service name.</param>
    /// <param name="timestamp">Request time (also sent as <c>X-Amz-Date</c>).</param>
    public static SigV4Result ComputeSignature(
        string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, string payloadHash,
        AwsSigningCredentials credentials, string region, string service, DateTimeOffset timestamp)
    {
        var utc = timestamp.UtcDateTime;
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        var canonicalHeaders = headers
            .GroupBy(h => h.Key.Trim().ToLowerInvariant())
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => TrimHeaderValue(h.Value)))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));

        var canonicalRequest = new StringBuilder()
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(CanonicalUri(path)).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            canonicalRequest.Append(name).Append(':').Append(value).Append('\n');
        }

        canonicalRequest.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest.ToString()))}";

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Result(canonicalRequest.ToString(), stringToSign, signature, authorization);
    }

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>RFC 3986 percent-encoding as SigV4 requires (unreserved characters kept, upper-case hex).</summary>
    public static string UriEncode(string value, bool encodeSlash = true)
    {
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (c == '/' && !encodeSlash))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string HostHeader(Uri uri) => uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";

    // Non-S3 services: each segment of the (already encoded) path is encoded again.
    private static string CanonicalUri(string path) =>
        string.IsNullOrEmpty(path) ? "/" : UriEncode(path, encodeSlash: false);

    private static string CanonicalQuery(string query)
    {
        query = query.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }

        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var i = pair.IndexOf('=');
                var name = Uri.UnescapeDataString(i < 0 ? pair : pair[..i]);
                var value = i < 0 ? "" : Uri.UnescapeDataString(pair[(i + 1)..]);
                return (Name: UriEncode(name), Value: UriEncode(value));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    private static string TrimHeaderValue(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    builder.Append(c);
                }

                space = true;
            }
            else
            {
                builder.Append(c);
                space = false;
            }
        }

        return builder.ToString();
    }
}

/// <summary>Every intermediate of one SigV4 computation.</summary>
/// <param name="CanonicalRequest">The canonical request.</param>
/// <param name="StringToSign">The string to sign.</param>
/// <param name="Signature">Hex signature.</param>
/// <param name="Authorization">The full Authorization header value (not secret by itself, but never logged).</param>
internal sealed record SigV4Result(string CanonicalRequest, string StringToSign, string Signature, string Authorization);

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// Checks the bearer tokens <c>aws eks get-token</c> produces, as aws-iam-authenticator does before it asks STS:
/// <c>k8s-aws-v1.</c> followed by the unpadded base64url of a presigned STS <c>GetCallerIdentity</c> URL whose signed headers
/// include <c>x-k8s-aws-id</c>, dated no more than 15 minutes ago. The local cloud keeps no secret keys, so the signature
/// itself (and with it the value the client put in <c>x-k8s-aws-id</c>) cannot be verified; the rest of the token is.
/// </summary>
internal static partial class EksTokenValidator
{
    public const string Prefix = "k8s-aws-v1.";

    /// <summary>How long a token is accepted after its signing time (aws-iam-authenticator's presigned URL lifetime).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Clock skew tolerated for tokens dated in the future.</summary>
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    /// <summary>Returns the caller's access key id for a valid token, or the reason it is refused.</summary>
    public static EksTokenResult Validate(string token, DateTimeOffset now)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return EksTokenResult.Refused("the token does not start with k8s-aws-v1.");
        }

        Uri url;
        try
        {
            url = new Uri(Encoding.UTF8.GetString(Base64UrlTextDecode(token[Prefix.Length..])), UriKind.Absolute);
        }
        catch (Exception ex) when (ex is FormatException or UriFormatException or ArgumentException)
        {
            return EksTokenResult.Refused("the token is not the base64url of a presigned URL");
        }

        if (!IsStsHost(url))
        {
            return EksTokenResult.Refused($"the presigned URL's host {url.Host} is not an STS endpoint");
        }

        var query = QueryHelpers.ParseQuery(url.Query);
        string Value(string name) => query.TryGetValue(name, out var values) ? values.ToString() : string.Empty;
        if (url.AbsolutePath != "/" || Value("Action") != "GetCallerIdentity" || Value("Version") != "2011-06-15")
        {
            return EksTokenResult.Refused("the presigned URL is not an STS GetCallerIdentity call");
        }

        if (Value("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" || Value("X-Amz-Signature").Length == 0)
        {
            return EksTokenResult.Refused("the presigned URL is not signed with AWS4-HMAC-SHA256");
        }

        var credential = CredentialScope().Match(Value("X-Amz-Credential"));
        if (!credential.Success)
        {
            return EksTokenResult.Refused("the presigned URL's X-Amz-Credential is not <key>/<date>/<region>/sts/aws4_request");
        }

        var signedHeaders = Value("X-Amz-SignedHeaders").Split(';');
        if (!signedHeaders.Contains("x-k8s-aws-id", StringComparer.OrdinalIgnoreCase) || !signedHeaders.Contains("host", StringComparer.OrdinalIgnoreCase))
        {
            return EksTokenResult.Refused("the presigned URL's X-Amz-SignedHeaders must include host and x-k8s-aws-id");
        }

        if (!DateTimeOffset.TryParseExact(Value("X-Amz-Date"), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || !int.TryParse(Value("X-Amz-Expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var expires) || expires is <= 0 or > 3600)
        {
            return EksTokenResult.Refused("the presigned URL has no valid X-Amz-Date and X-Amz-Expires");
        }

        if (now > signedAt + Lifetime)
        {
            return EksTokenResult.Refused($"the token expired at {signedAt + Lifetime:u}");
        }

        if (signedAt > now + AllowedSkew)
        {
            return EksTokenResult.Refused($"the token is dated in the future ({signedAt:u})");
        }

        return EksTokenResult.Accepted(credential.Groups["key"].Value);
    }

    private static bool IsStsHost(Uri url)
    {
        if (url.IsLoopback)
        {
            // AWS_ENDPOINT_URL pointing at the local cloud makes get-token presign against it.
            return url.Scheme is "http" or "https";
        }

        return url.Scheme == "https" && StsHost().IsMatch(url.Host);
    }

    private static byte[] Base64UrlTextDecode(string text)
    {
        if (text.Length == 0 || text.Contains('='))
        {
            throw new FormatException("Expected unpadded base64url.");
        }

        return WebEncoders.Base64UrlDecode(text);
    }

    [GeneratedRegex(@"^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$")]
    private static partial Regex StsHost();

    [GeneratedRegex(@"^(?<key>[A-Z0-9]{16,128})/\d{8}/[a-z0-9-]+/sts/aws4_request$")]
    private static partial Regex CredentialScope();
}

using System.Web;

namespace EcrAutomation.Automation.Secrets;

/// <summary>
/// A secrets provider URL of the Go CDK's <c>awskms</c> form, as Pulumi stores it in <c>secretsprovider</c>:
/// <c>awskms://KEY_ID?region=R</c>, <c>awskms://alias/NAME?region=R</c> or <c>awskms:///arn:aws:kms:...</c>. The key is
/// the host and path; <c>region</c>, <c>endpoint</c> and <c>profile</c> override the AWS defaults (other parameters,
/// such as Pulumi's <c>awssdk=v2</c>, are ignored).
/// </summary>
internal sealed record AwsKmsUrl(string Url, string KeyId, string? Region, string? Endpoint, string? Profile)
{
    public const string Scheme = "awskms://";

    public static bool Matches(string url) => url.StartsWith(Scheme, StringComparison.Ordinal);

    public static AwsKmsUrl Parse(string url)
    {
        if (!Matches(url)) throw new InvalidInputException($"'{url}' is not an awskms:// URL");
        var rest = url[Scheme.Length..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var key = Uri.UnescapeDataString(queryStart < 0 ? rest : rest[..queryStart]).Trim('/');
        var query = HttpUtility.ParseQueryString(queryStart < 0 ? "" : rest[(queryStart + 1)..]);
        if (key.Length == 0)
            throw new InvalidInputException($"the secrets provider '{url}' names no key: use awskms://KEY_ID_OR_ALIAS?region=REGION, e.g. awskms://alias/team-secrets?region=us-east-1");
        var endpoint = query["endpoint"];
        if (endpoint is not null && !Uri.TryCreate(endpoint, UriKind.Absolute, out _))
            throw new InvalidInputException($"the secrets provider '{url}' has an endpoint '{endpoint}' that is not an absolute URL, e.g. endpoint=https://kms.us-east-1.amazonaws.com");
        return new AwsKmsUrl(url, key, query["region"], endpoint, query["profile"]);
    }
}

using System.Globalization;
using System.Text;
using EcrAutomation.Aws.Auth;

namespace EcrAutomation.Aws.Eks;

/// <summary>
/// The bearer token an EKS cluster's Kubernetes API accepts, made in-process exactly as <c>aws eks get-token</c> makes it:
/// <c>k8s-aws-v1.</c> + the unpadded base64url of an STS <c>GetCallerIdentity</c> URL presigned (SigV4 query
/// authentication, 60 s) with the connection's credentials and the cluster name in the signed <c>x-k8s-aws-id</c> header.
/// The API server asks STS who signed it, so the token proves the caller's identity without sending its secret key.
/// Tokens are valid for 15 minutes after they are made.
/// </summary>
public static class EksToken
{
    /// <summary>The prefix of every token.</summary>
    public const string Prefix = "k8s-aws-v1.";

    /// <summary>A token for the cluster <paramref name="clusterName"/> with <paramref name="aws"/>'s credentials, STS endpoint and clock.</summary>
    public static async Task<string> CreateAsync(AwsConnection aws, string clusterName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aws);
        ArgumentException.ThrowIfNullOrEmpty(clusterName);
        var credentials = await aws.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var endpoint = aws.ResolveEndpoint(AwsServiceInfo.Sts);
        var region = aws.SigningRegion(AwsServiceInfo.Sts);
        var now = aws.Options.TimeProvider.GetUtcNow();
        var date = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var parameters = new List<(string Name, string Value)>
        {
            ("Action", "GetCallerIdentity"),
            ("Version", "2011-06-15"),
            ("X-Amz-Algorithm", SigV4Signer.Algorithm),
            ("X-Amz-Credential", $"{credentials.AccessKeyId}/{date}/{region}/sts/aws4_request"),
            ("X-Amz-Date", now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)),
            ("X-Amz-Expires", "60"),
            ("X-Amz-SignedHeaders", "host;x-k8s-aws-id"),
        };
        if (credentials.SessionToken is { } session) parameters.Add(("X-Amz-Security-Token", session));
        var query = string.Join('&', parameters.Select(p => $"{SigV4Signer.UriEncode(p.Name)}={SigV4Signer.UriEncode(p.Value)}"));
        var host = endpoint.IsDefaultPort ? endpoint.IdnHost : $"{endpoint.IdnHost}:{endpoint.Port}";
        var path = endpoint.AbsolutePath.Length == 0 ? "/" : endpoint.AbsolutePath;
        var signature = SigV4Signer.ComputeSignature("GET", path, query, [new("host", host), new("x-k8s-aws-id", clusterName)],
            SigV4Signer.HexSha256([]), credentials, region, "sts", now).Signature;
        var url = new UriBuilder(endpoint) { Path = path, Query = query + "&X-Amz-Signature=" + signature }.Uri.AbsoluteUri;
        return Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

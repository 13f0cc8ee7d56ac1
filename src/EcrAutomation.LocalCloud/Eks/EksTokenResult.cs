namespace EcrAutomation.LocalCloud.Eks;

/// <summary>The outcome of checking an EKS bearer token: the caller's access key id, or why it was refused.</summary>
internal sealed record EksTokenResult(string? AccessKeyId, string? RefusalReason)
{
    public bool IsAccepted => AccessKeyId is not null;

    public static EksTokenResult Accepted(string accessKeyId) => new(accessKeyId, null);

    public static EksTokenResult Refused(string reason) => new(null, reason);
}

namespace EcrAutomation.Aws.Sts;

/// <summary>Who the credentials belong to.</summary>
/// <param name="Account">12-digit account id.</param>
/// <param name="Arn">Caller ARN.</param>
/// <param name="UserId">Unique id of the caller.</param>
public sealed record CallerIdentity(string Account, string Arn, string UserId);

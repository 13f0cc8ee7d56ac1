namespace EcrAutomation.Aws.Auth;

/// <summary>Resolved credentials used to sign one request. <see cref="ToString"/> shows only the access key id.</summary>
/// <param name="AccessKeyId">Access key id (not secret).</param>
/// <param name="SecretAccessKey">Secret access key.</param>
/// <param name="SessionToken">Session token of temporary credentials, or null.</param>
public sealed record AwsSigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <inheritdoc />
    public override string ToString() => $"AwsSigningCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "" : "***")} }}";
}

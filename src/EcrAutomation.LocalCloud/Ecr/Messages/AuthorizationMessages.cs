namespace EcrAutomation.LocalCloud.Ecr.Messages;

internal sealed record GetAuthorizationTokenRequest : EcrRequest
{
    public List<string?>? RegistryIds { get; init; }
}

internal sealed record AuthorizationData(string AuthorizationToken, double ExpiresAt, string ProxyEndpoint);

internal sealed record GetAuthorizationTokenResponse(IReadOnlyList<AuthorizationData> AuthorizationData);

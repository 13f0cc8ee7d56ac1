using EcrAutomation.LocalCloud.Auth;
using EcrAutomation.LocalCloud.Ecr.Messages;

namespace EcrAutomation.LocalCloud.Ecr.Handlers;

/// <summary>GetAuthorizationToken: registry passwords for <c>docker login</c> and the registry client.</summary>
internal sealed class AuthorizationHandler(EcrContext ecr, RegistryTokens tokens)
{
    public IEnumerable<EcrOperation> Operations =>
    [
        EcrOperation.Create<GetAuthorizationTokenRequest, GetAuthorizationTokenResponse>("GetAuthorizationToken", GetTokenAsync),
    ];

    private Task<GetAuthorizationTokenResponse> GetTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken)
    {
        var ids = EcrRequestParsing.Strings(request.RegistryIds) ?? [ecr.AccountId];
        if (ids.Count is < 1 or > 10)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'registryIds' failed to satisfy constraint: 'Member must have length between 1 and 10'");
        }

        var data = ids.Select(id =>
        {
            EcrValidation.RegistryId(id);
            var (password, expires) = tokens.Issue(id);
            return new AuthorizationData(RegistryTokens.ToAuthorizationToken(password), EcrContext.Epoch(expires), "http://" + ecr.RegistryHost);
        }).ToList();
        return Task.FromResult(new GetAuthorizationTokenResponse(data));
    }
}

using EcrAutomation.Aws.Ecr;
using EcrAutomation.Providers;
using EcrAutomation.Schema;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>
/// pulumi-aws's <c>aws.ecr.getAuthorizationToken</c> (<c>aws:ecr/getAuthorizationToken:getAuthorizationToken</c>): a
/// registry login (user name and password, and the base64 token docker's config holds); the token and password are secret.
/// </summary>
internal static class GetAuthorizationToken
{
    public const string Token = "aws:ecr/getAuthorizationToken:getAuthorizationToken";

    public static FunctionInfo Info(Func<PropertyMap, CancellationToken, Task<PropertyMap>> invokeAsync) => new(
        Token,
        GetRepository.Properties(("registryId", SchemaType.String, false)),
        new Dictionary<string, SchemaProperty>(StringComparer.Ordinal)
        {
            ["authorizationToken"] = new("authorizationToken", SchemaType.String, Required: true, Secret: true),
            ["expiresAt"] = new("expiresAt", SchemaType.String, Required: true),
            ["id"] = new("id", SchemaType.String, Required: true),
            ["password"] = new("password", SchemaType.String, Required: true, Secret: true),
            ["proxyEndpoint"] = new("proxyEndpoint", SchemaType.String, Required: true),
            ["registryId"] = new("registryId", SchemaType.String),
            ["userName"] = new("userName", SchemaType.String, Required: true),
        },
        invokeAsync) { Description = "A login for the account's ECR registry (or registryId's)." };

    public static async Task<PropertyMap> RunAsync(AwsConnection connection, PropertyMap args, CancellationToken cancellationToken)
    {
        var registryId = args.GetString("registryId");
        var response = await connection.Ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest { RegistryIds = registryId is null ? null : [registryId] }, cancellationToken).ConfigureAwait(false);
        var data = response.AuthorizationData.FirstOrDefault() ?? throw new InvalidOperationException($"{Token}: ECR returned no authorization data.");
        var (userName, password) = data.DecodeCredentials();
        var map = PropertyMap.Empty
            .Set("id", PropertyValue.Of(connection.Region))
            .Set("authorizationToken", PropertyValue.Secret(PropertyValue.Of(data.AuthorizationToken)))
            .Set("password", PropertyValue.Secret(PropertyValue.Of(password)))
            .Set("userName", PropertyValue.Of(userName))
            .Set("proxyEndpoint", PropertyValue.Of(data.ProxyEndpoint))
            .Set("expiresAt", PropertyValue.Of(data.ExpiresAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));
        return registryId is null ? map : map.Set("registryId", PropertyValue.Of(registryId));
    }
}

using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// pulumi-aws's <c>aws.getCallerIdentity</c> (<c>aws:index/getCallerIdentity:getCallerIdentity</c>): who the credentials are
/// (STS GetCallerIdentity), e.g. the account id for ARNs and the aws-auth mapping.
/// </summary>
public static class GetCallerIdentity
{
    /// <summary>The lookup's token.</summary>
    public const string Token = "aws:index/getCallerIdentity:getCallerIdentity";

    /// <summary>The identity of <paramref name="connection"/>'s credentials, or the running program's when it is null.</summary>
    public static async Task<GetCallerIdentityResult> InvokeAsync(AwsConnection? connection = null) =>
        GetCallerIdentityResult.From(await AwsFunctions.InvokeAsync(Token, PropertyMap.Empty, connection ?? AwsConnections.ForProgram()).ConfigureAwait(false));

    /// <summary><see cref="InvokeAsync"/> through the program's connection, as an output, for use in resource inputs.</summary>
    public static Output<GetCallerIdentityResult> Invoke() => Output.Create(InvokeAsync());

    internal static async Task<PropertyMap> RunAsync(AwsConnection connection, PropertyMap args, CancellationToken cancellationToken)
    {
        var identity = await connection.Sts.GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false);
        return PropertyMap.Empty
            .Set("id", PropertyValue.Of(identity.Account))
            .Set("accountId", PropertyValue.Of(identity.Account))
            .Set("arn", PropertyValue.Of(identity.Arn))
            .Set("userId", PropertyValue.Of(identity.UserId));
    }
}

using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>
/// pulumi-aws's <c>aws.ec2.getSubnets</c> (<c>aws:ec2/getSubnets:getSubnets</c>): the ids of the subnets matching EC2 filters,
/// e.g. <c>vpc-id</c> = the default VPC (pulumi-eks's default cluster subnets). An empty result is not an error.
/// </summary>
public static class GetSubnets
{
    /// <summary>The lookup's token.</summary>
    public const string Token = "aws:ec2/getSubnets:getSubnets";

    /// <summary>Looks the subnets up through <paramref name="connection"/>, or the running program's AWS connection when it is null.</summary>
    /// <exception cref="InvalidOperationException">Invalid filters, or called outside a program without a connection.</exception>
    public static async Task<GetSubnetsResult> InvokeAsync(GetSubnetsArgs? args = null, AwsConnection? connection = null) =>
        GetSubnetsResult.From(await AwsFunctions.InvokeAsync(Token, (args ?? new GetSubnetsArgs()).ToMap(), connection ?? AwsConnections.ForProgram()).ConfigureAwait(false));

    /// <summary><see cref="InvokeAsync(GetSubnetsArgs, AwsConnection)"/> through the program's connection as an output, for use in resource inputs.</summary>
    public static Output<GetSubnetsResult> Invoke(GetSubnetsArgs? args = null) => Output.Create(InvokeAsync(args));

    internal static async Task<PropertyMap> RunAsync(AwsConnection connection, PropertyMap args, CancellationToken cancellationToken)
    {
        var subnets = await connection.Ec2.DescribeSubnetsMatchingAsync(AwsFunctions.Filters(args), cancellationToken).ConfigureAwait(false);
        return PropertyMap.Empty
            .Set("id", PropertyValue.Of(connection.Region))
            .Set("ids", Props.Strings(subnets.Select(s => s.SubnetId).Order(StringComparer.Ordinal)));
    }
}

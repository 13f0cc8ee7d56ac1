using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>
/// pulumi-aws's <c>aws.ec2.getVpc</c> (<c>aws:ec2/getVpc:getVpc</c>): the one VPC that matches the arguments, e.g.
/// <c>new GetVpcArgs { Default = true }</c> for the region's default VPC (what pulumi-eks uses when no VPC is given).
/// </summary>
public static class GetVpc
{
    /// <summary>The lookup's token.</summary>
    public const string Token = "aws:ec2/getVpc:getVpc";

    /// <summary>Looks the VPC up through <paramref name="connection"/>, or the running program's AWS connection when it is null.</summary>
    /// <exception cref="InvalidOperationException">No VPC or more than one matches, or called outside a program without a connection.</exception>
    public static async Task<GetVpcResult> InvokeAsync(GetVpcArgs? args = null, AwsConnection? connection = null) =>
        GetVpcResult.From(await AwsFunctions.InvokeAsync(Token, (args ?? new GetVpcArgs()).ToMap(), connection ?? AwsConnections.ForProgram()).ConfigureAwait(false));

    /// <summary><see cref="InvokeAsync(GetVpcArgs, AwsConnection)"/> through the program's connection as an output, for use in resource inputs.</summary>
    public static Output<GetVpcResult> Invoke(GetVpcArgs? args = null) => Output.Create(InvokeAsync(args));

    internal static async Task<PropertyMap> RunAsync(AwsConnection connection, PropertyMap args, CancellationToken cancellationToken)
    {
        var filters = AwsFunctions.Filters(args);
        if (args.GetBool("default") is { } isDefault) filters["is-default"] = [isDefault ? "true" : "false"];
        if (args.GetString("cidrBlock") is { } cidr) filters["cidr-block"] = [cidr];
        if (args.GetString("state") is { } state) filters["state"] = [state];
        var ids = args.GetString("id") is { } id ? new[] { id } : null;
        var vpcs = await connection.Ec2.DescribeVpcsAsync(ids, filters, cancellationToken).ConfigureAwait(false);
        var vpc = vpcs.Count switch
        {
            1 => vpcs[0],
            0 => throw new InvalidOperationException($"no matching EC2 VPC found in {connection.Region}" +
                (args.GetBool("default") == true ? ": the region has no default VPC; create one with 'aws ec2 create-default-vpc' or pass a VPC explicitly." : "; check the arguments of getVpc.")),
            _ => throw new InvalidOperationException($"multiple EC2 VPCs matched ({string.Join(", ", vpcs.Select(v => v.VpcId))}); use additional constraints to reduce matches to a single EC2 VPC."),
        };
        return PropertyMap.Empty
            .Set("id", PropertyValue.Of(vpc.VpcId))
            .Set("arn", PropertyValue.Of($"arn:aws:ec2:{connection.Region}:{vpc.OwnerId}:vpc/{vpc.VpcId}"))
            .Set("cidrBlock", Props.Str(vpc.CidrBlock))
            .Set("default", PropertyValue.Of(vpc.IsDefault))
            .Set("state", Props.Str(vpc.State))
            .Set("ownerId", Props.Str(vpc.OwnerId))
            .Set("dhcpOptionsId", Props.Str(vpc.DhcpOptionsId))
            .Set("instanceTenancy", Props.Str(vpc.InstanceTenancy))
            .Set("tags", Props.Map(vpc.Tags));
    }
}

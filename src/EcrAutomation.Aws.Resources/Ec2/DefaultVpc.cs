namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>The default VPC of the stack's region and its subnets, split as awsx does: public = mapPublicIpOnLaunch.</summary>
public sealed record DefaultVpcInfo(string VpcId, IReadOnlyList<string> PublicSubnetIds, IReadOnlyList<string> PrivateSubnetIds);

/// <summary>Lookups of the default VPC (awsx's <c>getDefaultVpc</c>), usable from programs and components.</summary>
public static class DefaultVpc
{
    /// <summary>Looks up the default VPC with the AWS settings of a stack configuration (the <c>aws:*</c> keys).</summary>
    public static async Task<DefaultVpcInfo> GetAsync(IReadOnlyDictionary<string, string> config, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(config).Ec2;
        var vpc = await ec2.GetDefaultVpcAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the region {AwsConnections.For(config).Region} has no default VPC; create one with 'aws ec2 create-default-vpc' or pass subnets explicitly");
        var subnets = (await ec2.DescribeSubnetsAsync(vpc.VpcId, cancellationToken: cancellationToken).ConfigureAwait(false))
            .OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).ThenBy(s => s.SubnetId, StringComparer.Ordinal).ToList();
        return new DefaultVpcInfo(vpc.VpcId,
            [.. subnets.Where(s => s.MapPublicIpOnLaunch).Select(s => s.SubnetId)],
            [.. subnets.Where(s => !s.MapPublicIpOnLaunch).Select(s => s.SubnetId)]);
    }

    /// <summary>The default VPC of the running program's stack, as an output (looked up once per program run and configuration).</summary>
    public static Output<DefaultVpcInfo> Get()
    {
        var config = ProgramAwsConfig();
        return Output.Create(GetAsync(config));
    }

    /// <summary>The ids of the subnets of a VPC.</summary>
    public static async Task<IReadOnlyList<string>> SubnetIdsAsync(IReadOnlyDictionary<string, string> config, string vpcId, CancellationToken cancellationToken = default) =>
        [.. (await AwsConnections.For(config).Ec2.DescribeSubnetsAsync(vpcId, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(s => s.SubnetId)];

    /// <summary>The VPC of a subnet.</summary>
    public static async Task<string> VpcOfSubnetAsync(IReadOnlyDictionary<string, string> config, string subnetId, CancellationToken cancellationToken = default) =>
        (await AwsConnections.For(config).Ec2.DescribeSubnetsAsync(subnetIds: [subnetId], cancellationToken: cancellationToken).ConfigureAwait(false)).Single().VpcId;

    /// <summary>The <c>aws:*</c> settings of the running program's stack (the keys <see cref="AwsConnection.FromStackConfig"/> reads).</summary>
    public static IReadOnlyDictionary<string, string> ProgramAwsConfig()
    {
        var aws = new Config("aws");
        var keys = new List<string> { "region", "profile", "accessKey", "secretKey", "token", "endpoint", "endpoints" };
        keys.AddRange(AwsServiceInfo.All.Select(s => "endpoints:" + s.Key));
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (aws.Get(key) is { } value) config["aws:" + key] = value;
        return config;
    }
}

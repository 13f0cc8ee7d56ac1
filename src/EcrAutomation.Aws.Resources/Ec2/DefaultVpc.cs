namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>Lookups of the default VPC (awsx's <c>getDefaultVpc</c>), usable from programs and components.</summary>
public static class DefaultVpc
{
    /// <summary>Looks up the default VPC of a connection's region.</summary>
    public static async Task<DefaultVpcInfo> GetAsync(AwsConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var vpc = await connection.Ec2.GetDefaultVpcAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the region {connection.Region} has no default VPC; create one with 'aws ec2 create-default-vpc' or pass subnets explicitly");
        var subnets = (await connection.Ec2.DescribeSubnetsAsync(vpc.VpcId, cancellationToken: cancellationToken).ConfigureAwait(false))
            .OrderBy(s => s.AvailabilityZone, StringComparer.Ordinal).ThenBy(s => s.SubnetId, StringComparer.Ordinal).ToList();
        return new DefaultVpcInfo(vpc.VpcId,
            [.. subnets.Where(s => s.MapPublicIpOnLaunch).Select(s => s.SubnetId)],
            [.. subnets.Where(s => !s.MapPublicIpOnLaunch).Select(s => s.SubnetId)]);
    }

    /// <summary>The default VPC of the running program's stack, as an output (through the run's connection).</summary>
    public static Output<DefaultVpcInfo> Get() => Output.Create(GetAsync(AwsConnections.ForProgram()));

    /// <summary>The ids of the subnets of a VPC.</summary>
    public static async Task<IReadOnlyList<string>> SubnetIdsAsync(AwsConnection connection, string vpcId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return [.. (await connection.Ec2.DescribeSubnetsAsync(vpcId, cancellationToken: cancellationToken).ConfigureAwait(false)).Select(s => s.SubnetId)];
    }

    /// <summary>The VPC of a subnet.</summary>
    public static async Task<string> VpcOfSubnetAsync(AwsConnection connection, string subnetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return (await connection.Ec2.DescribeSubnetsAsync(subnetIds: [subnetId], cancellationToken: cancellationToken).ConfigureAwait(false)).Single().VpcId;
    }
}

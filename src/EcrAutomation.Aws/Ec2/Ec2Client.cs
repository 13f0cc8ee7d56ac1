using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Ec2;

/// <summary>
/// Small facade over AWSSDK.EC2 for the default VPC, subnets and security groups, configured from the same
/// <see cref="AwsConnection"/> (endpoint, credentials, region) and run through the same retry pipeline.
/// </summary>
public sealed class Ec2Client : IDisposable
{
    private readonly AmazonEC2Client _client;
    private readonly AwsRequestExecutor _executor;

    internal Ec2Client(AwsConnection connection, AwsRequestExecutor executor)
    {
        _executor = executor;
        _client = new AmazonEC2Client(connection.SdkCredentials, SdkConfig.Configure(new AmazonEC2Config(), connection, AwsServiceInfo.Ec2));
    }

    /// <summary>The default VPC of the region, or null when there is none.</summary>
    public async Task<Ec2Vpc?> GetDefaultVpcAsync(CancellationToken cancellationToken = default) =>
        (await DescribeVpcsAsync(filters: new Dictionary<string, IReadOnlyList<string>> { ["is-default"] = ["true"] }, cancellationToken: cancellationToken).ConfigureAwait(false))
            .FirstOrDefault();

    /// <summary>
    /// DescribeVpcs, every page, by ids and/or EC2 filters (filter name to accepted values, e.g. <c>is-default</c>,
    /// <c>cidr-block</c>, <c>tag:Name</c>); InvalidVpcID.NotFound when an id does not exist.
    /// </summary>
    public async Task<IReadOnlyList<Ec2Vpc>> DescribeVpcsAsync(
        IReadOnlyList<string>? vpcIds = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? filters = null, CancellationToken cancellationToken = default)
    {
        var vpcs = new List<Ec2Vpc>();
        string? token = null;
        do
        {
            var request = new DescribeVpcsRequest { NextToken = token, Filters = ToSdk(filters) };
            if (vpcIds is { Count: > 0 })
            {
                request.VpcIds = [.. vpcIds];
            }

            var response = await RunAsync("DescribeVpcs", ct => _client.DescribeVpcsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            vpcs.AddRange((response.Vpcs ?? []).Select(v => new Ec2Vpc(v.VpcId, v.CidrBlock, v.IsDefault ?? false, v.State?.Value)
            {
                OwnerId = v.OwnerId,
                DhcpOptionsId = v.DhcpOptionsId,
                InstanceTenancy = v.InstanceTenancy?.Value,
                Tags = (v.Tags ?? []).ToDictionary(t => t.Key, t => t.Value),
            }));
            token = response.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return vpcs;
    }

    /// <summary>DescribeSubnets, every page, with EC2 filters (filter name to accepted values, e.g. <c>vpc-id</c>, <c>tag:Name</c>).</summary>
    public Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsMatchingAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> filters, CancellationToken cancellationToken = default) =>
        DescribeSubnetsAsync(ToSdk(filters), null, cancellationToken);

    /// <summary>DescribeSubnets, every page, filtered by VPC and/or subnet ids.</summary>
    public Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(
        string? vpcId = null, IReadOnlyList<string>? subnetIds = null, CancellationToken cancellationToken = default) =>
        DescribeSubnetsAsync(vpcId is null ? null : [new Filter("vpc-id", [vpcId])], subnetIds, cancellationToken);

    private async Task<IReadOnlyList<Ec2Subnet>> DescribeSubnetsAsync(List<Filter>? filters, IReadOnlyList<string>? subnetIds, CancellationToken cancellationToken)
    {
        var subnets = new List<Ec2Subnet>();
        string? token = null;
        do
        {
            var request = new DescribeSubnetsRequest { NextToken = token, Filters = filters };
            if (subnetIds is { Count: > 0 })
            {
                request.SubnetIds = [.. subnetIds];
            }

            var response = await RunAsync("DescribeSubnets", ct => _client.DescribeSubnetsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            subnets.AddRange((response.Subnets ?? []).Select(s => new Ec2Subnet(
                s.SubnetId, s.VpcId, s.CidrBlock, s.AvailabilityZone, s.DefaultForAz ?? false, s.MapPublicIpOnLaunch ?? false, s.State?.Value)));
            token = response.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return subnets;
    }

    /// <summary>CreateSecurityGroup; returns the new group id.</summary>
    public async Task<string> CreateSecurityGroupAsync(
        string groupName, string description, string? vpcId = null, IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        var request = new CreateSecurityGroupRequest { GroupName = groupName, Description = description, VpcId = vpcId };
        if (tags is { Count: > 0 })
        {
            request.TagSpecifications =
            [
                new TagSpecification { ResourceType = ResourceType.SecurityGroup, Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))] },
            ];
        }

        var response = await RunAsync("CreateSecurityGroup", ct => _client.CreateSecurityGroupAsync(request, ct), cancellationToken).ConfigureAwait(false);
        return response.GroupId;
    }

    /// <summary>DescribeSecurityGroups, every page, by ids, VPC and/or names.</summary>
    public async Task<IReadOnlyList<Ec2SecurityGroup>> DescribeSecurityGroupsAsync(
        IReadOnlyList<string>? groupIds = null, string? vpcId = null, IReadOnlyList<string>? groupNames = null,
        CancellationToken cancellationToken = default)
    {
        var groups = new List<Ec2SecurityGroup>();
        string? token = null;
        do
        {
            var request = new DescribeSecurityGroupsRequest { NextToken = token };
            if (groupIds is { Count: > 0 })
            {
                request.GroupIds = [.. groupIds];
            }

            var filters = new List<Filter>();
            if (vpcId is not null)
            {
                filters.Add(new Filter("vpc-id", [vpcId]));
            }

            if (groupNames is { Count: > 0 })
            {
                filters.Add(new Filter("group-name", [.. groupNames]));
            }

            if (filters.Count > 0)
            {
                request.Filters = filters;
            }

            var response = await RunAsync("DescribeSecurityGroups", ct => _client.DescribeSecurityGroupsAsync(request, ct), cancellationToken).ConfigureAwait(false);
            groups.AddRange((response.SecurityGroups ?? []).Select(ToModel));
            token = response.NextToken;
        }
        while (!string.IsNullOrEmpty(token));

        return groups;
    }

    /// <summary>The security group with this id, or null (InvalidGroup.NotFound).</summary>
    public async Task<Ec2SecurityGroup?> FindSecurityGroupAsync(string groupId, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await DescribeSecurityGroupsAsync([groupId], cancellationToken: cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == Ec2ErrorCodes.InvalidGroupNotFound)
        {
            return null;
        }
    }

    /// <summary>AuthorizeSecurityGroupIngress.</summary>
    public Task AuthorizeSecurityGroupIngressAsync(string groupId, IReadOnlyList<Ec2IpPermission> permissions, CancellationToken cancellationToken = default) =>
        RunAsync("AuthorizeSecurityGroupIngress", ct => _client.AuthorizeSecurityGroupIngressAsync(
            new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = ToSdk(permissions) }, ct), cancellationToken);

    /// <summary>AuthorizeSecurityGroupEgress.</summary>
    public Task AuthorizeSecurityGroupEgressAsync(string groupId, IReadOnlyList<Ec2IpPermission> permissions, CancellationToken cancellationToken = default) =>
        RunAsync("AuthorizeSecurityGroupEgress", ct => _client.AuthorizeSecurityGroupEgressAsync(
            new AuthorizeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = ToSdk(permissions) }, ct), cancellationToken);

    /// <summary>RevokeSecurityGroupIngress.</summary>
    public Task RevokeSecurityGroupIngressAsync(string groupId, IReadOnlyList<Ec2IpPermission> permissions, CancellationToken cancellationToken = default) =>
        RunAsync("RevokeSecurityGroupIngress", ct => _client.RevokeSecurityGroupIngressAsync(
            new RevokeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = ToSdk(permissions) }, ct), cancellationToken);

    /// <summary>RevokeSecurityGroupEgress.</summary>
    public Task RevokeSecurityGroupEgressAsync(string groupId, IReadOnlyList<Ec2IpPermission> permissions, CancellationToken cancellationToken = default) =>
        RunAsync("RevokeSecurityGroupEgress", ct => _client.RevokeSecurityGroupEgressAsync(
            new RevokeSecurityGroupEgressRequest { GroupId = groupId, IpPermissions = ToSdk(permissions) }, ct), cancellationToken);

    /// <summary>UpdateSecurityGroupRuleDescriptionsIngress: sets the descriptions of existing inbound rules (matched by protocol, ports and sources).</summary>
    public Task UpdateSecurityGroupRuleDescriptionsIngressAsync(string groupId, IReadOnlyList<Ec2IpPermission> permissions, CancellationToken cancellationToken = default) =>
        RunAsync("UpdateSecurityGroupRuleDescriptionsIngress", ct => _client.UpdateSecurityGroupRuleDescriptionsIngressAsync(
            new UpdateSecurityGroupRuleDescriptionsIngressRequest { GroupId = groupId, IpPermissions = ToSdk(permissions) }, ct), cancellationToken);

    /// <summary>UpdateSecurityGroupRuleDescriptionsEgress: sets the descriptions of existing outbound rules.</summary>
    public Task UpdateSecurityGroupRuleDescriptionsEgressAsync(string groupId, IReadOnlyList<Ec2IpPermission> permissions, CancellationToken cancellationToken = default) =>
        RunAsync("UpdateSecurityGroupRuleDescriptionsEgress", ct => _client.UpdateSecurityGroupRuleDescriptionsEgressAsync(
            new UpdateSecurityGroupRuleDescriptionsEgressRequest { GroupId = groupId, IpPermissions = ToSdk(permissions) }, ct), cancellationToken);

    /// <summary>DeleteSecurityGroup.</summary>
    public Task DeleteSecurityGroupAsync(string groupId, CancellationToken cancellationToken = default) =>
        RunAsync("DeleteSecurityGroup", ct => _client.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = groupId }, ct), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _executor.ExecuteAsync(AwsServiceInfo.Ec2, operation, call, cancellationToken);

    private static List<Filter>? ToSdk(IReadOnlyDictionary<string, IReadOnlyList<string>>? filters) =>
        filters is { Count: > 0 } ? [.. filters.Select(f => new Filter(f.Key, [.. f.Value]))] : null;

    private static List<IpPermission> ToSdk(IReadOnlyList<Ec2IpPermission> permissions) =>
        [.. permissions.Select(p => new IpPermission
        {
            IpProtocol = p.IpProtocol,
            FromPort = p.FromPort,
            ToPort = p.ToPort,
            Ipv4Ranges = p.CidrIpv4.Count > 0 ? [.. p.CidrIpv4.Select(c => new IpRange { CidrIp = c, Description = p.Description })] : null,
            Ipv6Ranges = p.CidrIpv6.Count > 0 ? [.. p.CidrIpv6.Select(c => new Ipv6Range { CidrIpv6 = c, Description = p.Description })] : null,
            UserIdGroupPairs = p.SourceSecurityGroupIds.Count > 0 ? [.. p.SourceSecurityGroupIds.Select(g => new UserIdGroupPair { GroupId = g, Description = p.Description })] : null,
        })];

    private static Ec2IpPermission FromSdk(IpPermission p) => new()
    {
        IpProtocol = p.IpProtocol,
        FromPort = p.FromPort,
        ToPort = p.ToPort,
        CidrIpv4 = [.. (p.Ipv4Ranges ?? []).Select(r => r.CidrIp)],
        CidrIpv6 = [.. (p.Ipv6Ranges ?? []).Select(r => r.CidrIpv6)],
        SourceSecurityGroupIds = [.. (p.UserIdGroupPairs ?? []).Select(g => g.GroupId)],
        Description = (p.Ipv4Ranges ?? []).Select(r => r.Description)
            .Concat((p.Ipv6Ranges ?? []).Select(r => r.Description))
            .Concat((p.UserIdGroupPairs ?? []).Select(g => g.Description))
            .FirstOrDefault(d => !string.IsNullOrEmpty(d)),
    };

    private static Ec2SecurityGroup ToModel(SecurityGroup g) => new()
    {
        GroupId = g.GroupId,
        GroupName = g.GroupName,
        Description = g.Description,
        VpcId = g.VpcId,
        OwnerId = g.OwnerId,
        IpPermissions = [.. (g.IpPermissions ?? []).Select(FromSdk)],
        IpPermissionsEgress = [.. (g.IpPermissionsEgress ?? []).Select(FromSdk)],
        Tags = (g.Tags ?? []).ToDictionary(t => t.Key, t => t.Value),
    };
}

/// <summary>Configures an AWSSDK client config from an <see cref="AwsConnection"/>.</summary>
internal static class SdkConfig
{
    public static T Configure<T>(T config, AwsConnection connection, AwsServiceInfo service)
        where T : Amazon.Runtime.ClientConfig
    {
        var endpoint = connection.ResolveEndpoint(service);
        var defaultEndpoint = endpoint.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
            || endpoint.Host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);
        if (defaultEndpoint && connection.Options.Endpoint is null && !connection.Options.Endpoints.ContainsKey(service.Key))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(connection.Region);
        }
        else
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = connection.SigningRegion(service);
        }

        config.MaxErrorRetry = 0; // retries come from the shared Polly pipeline
        config.Timeout = connection.Options.Retry.AttemptTimeout;
        return config;
    }
}

#pragma warning disable CS1591 // Small SDK-independent views of the EC2 shapes the providers need.

namespace EcrAutomation.Aws.Ec2;

public sealed record Ec2Vpc(string VpcId, string? CidrBlock, bool IsDefault, string? State);

public sealed record Ec2Subnet(
    string SubnetId, string VpcId, string? CidrBlock, string? AvailabilityZone, bool DefaultForAz, bool MapPublicIpOnLaunch, string? State);

/// <summary>One rule set: protocol (<c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>-1</c>), port range and sources.</summary>
public sealed record Ec2IpPermission
{
    public required string IpProtocol { get; init; }
    public int? FromPort { get; init; }
    public int? ToPort { get; init; }
    public IReadOnlyList<string> CidrIpv4 { get; init; } = [];
    public IReadOnlyList<string> CidrIpv6 { get; init; } = [];
    public IReadOnlyList<string> SourceSecurityGroupIds { get; init; } = [];
}

public sealed record Ec2SecurityGroup
{
    public required string GroupId { get; init; }
    public string? GroupName { get; init; }
    public string? Description { get; init; }
    public string? VpcId { get; init; }
    public string? OwnerId { get; init; }
    public IReadOnlyList<Ec2IpPermission> IpPermissions { get; init; } = [];
    public IReadOnlyList<Ec2IpPermission> IpPermissionsEgress { get; init; } = [];
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

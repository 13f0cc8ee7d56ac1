namespace EcrAutomation.Aws.Ec2;

/// <summary>One rule set: protocol (<c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>-1</c>), port range and sources.</summary>
public sealed record Ec2IpPermission
{
    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c>, or <c>-1</c> for all protocols (then the ports are ignored).</summary>
    public required string IpProtocol { get; init; }

    /// <summary>First port of the range (ICMP: the type); null with protocol <c>-1</c>.</summary>
    public int? FromPort { get; init; }

    /// <summary>Last port of the range (ICMP: the code); null with protocol <c>-1</c>.</summary>
    public int? ToPort { get; init; }

    /// <summary>IPv4 CIDR ranges the rule allows, e.g. <c>0.0.0.0/0</c>.</summary>
    public IReadOnlyList<string> CidrIpv4 { get; init; } = [];

    /// <summary>IPv6 CIDR ranges the rule allows.</summary>
    public IReadOnlyList<string> CidrIpv6 { get; init; } = [];

    /// <summary>Security groups whose members the rule allows.</summary>
    public IReadOnlyList<string> SourceSecurityGroupIds { get; init; } = [];

    /// <summary>
    /// The rule's description: sent with every range and source group of the permission; read back as the first one EC2
    /// reports (null when none has one).
    /// </summary>
    public string? Description { get; init; }
}

namespace EcrAutomation.Aws.Ec2;

/// <summary>A VPC as <see cref="Ec2Client"/> reports it (the fields the providers use, independent of the AWSSDK types).</summary>
/// <param name="VpcId">The VPC id, <c>vpc-…</c>.</param>
/// <param name="CidrBlock">The primary IPv4 range.</param>
/// <param name="IsDefault">True for the region's default VPC.</param>
/// <param name="State"><c>pending</c> or <c>available</c>.</param>
public sealed record Ec2Vpc(string VpcId, string? CidrBlock, bool IsDefault, string? State)
{
    /// <summary>The account that owns the VPC.</summary>
    public string? OwnerId { get; init; }

    /// <summary>The DHCP options set of the VPC.</summary>
    public string? DhcpOptionsId { get; init; }

    /// <summary><c>default</c> or <c>dedicated</c>.</summary>
    public string? InstanceTenancy { get; init; }

    /// <summary>The VPC's tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}

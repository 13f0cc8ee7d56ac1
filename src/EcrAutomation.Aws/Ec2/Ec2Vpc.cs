namespace EcrAutomation.Aws.Ec2;

/// <summary>A VPC as <see cref="Ec2Client"/> reports it (the fields the providers use, independent of the AWSSDK types).</summary>
/// <param name="VpcId">The VPC id, <c>vpc-…</c>.</param>
/// <param name="CidrBlock">The primary IPv4 range.</param>
/// <param name="IsDefault">True for the region's default VPC.</param>
/// <param name="State"><c>pending</c> or <c>available</c>.</param>
public sealed record Ec2Vpc(string VpcId, string? CidrBlock, bool IsDefault, string? State);

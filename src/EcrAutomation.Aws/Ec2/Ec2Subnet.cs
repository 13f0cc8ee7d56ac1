namespace EcrAutomation.Aws.Ec2;

/// <summary>A subnet as <see cref="Ec2Client"/> reports it.</summary>
/// <param name="SubnetId">The subnet id, <c>subnet-…</c>.</param>
/// <param name="VpcId">The VPC the subnet is in.</param>
/// <param name="CidrBlock">The subnet's IPv4 range.</param>
/// <param name="AvailabilityZone">The availability zone, e.g. <c>us-east-1a</c>.</param>
/// <param name="DefaultForAz">True for the default subnet of its zone (the default VPC's subnets).</param>
/// <param name="MapPublicIpOnLaunch">True when instances and tasks started in it get a public IP: what awsx calls a public subnet.</param>
/// <param name="State"><c>pending</c> or <c>available</c>.</param>
public sealed record Ec2Subnet(
    string SubnetId, string VpcId, string? CidrBlock, string? AvailabilityZone, bool DefaultForAz, bool MapPublicIpOnLaunch, string? State);

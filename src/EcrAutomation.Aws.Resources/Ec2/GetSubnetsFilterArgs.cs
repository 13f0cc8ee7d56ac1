namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>An EC2 filter of <see cref="GetSubnetsArgs.Filters"/>: a DescribeSubnets filter name and the values it accepts.</summary>
/// <param name="Name">The EC2 filter name, e.g. <c>vpc-id</c>, <c>availability-zone</c>, <c>tag:Name</c>.</param>
/// <param name="Values">The accepted values (any of them matches).</param>
public sealed record GetSubnetsFilterArgs(string Name, IReadOnlyList<string> Values);

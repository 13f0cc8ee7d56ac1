namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>An EC2 filter of <see cref="GetVpcArgs.Filters"/>: a DescribeVpcs filter name and the values it accepts.</summary>
/// <param name="Name">The EC2 filter name, e.g. <c>cidr-block</c>, <c>tag:Name</c>, <c>is-default</c>.</param>
/// <param name="Values">The accepted values (any of them matches).</param>
public sealed record GetVpcFilterArgs(string Name, IReadOnlyList<string> Values);

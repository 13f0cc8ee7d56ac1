namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>The default VPC of the stack's region and its subnets, split as awsx does: public = mapPublicIpOnLaunch.</summary>
public sealed record DefaultVpcInfo(string VpcId, IReadOnlyList<string> PublicSubnetIds, IReadOnlyList<string> PrivateSubnetIds);

using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>An EC2 security group (<c>aws:ec2/securityGroup:SecurityGroup</c>).</summary>
public sealed class SecurityGroup : CustomResource
{
    public SecurityGroup(string name, SecurityGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(SecurityGroupProvider.Type, name, args ?? new SecurityGroupArgs(), options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("name")] public Output<string> GroupName { get; private set; } = null!;
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    [Output("ownerId")] public Output<string> OwnerId { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="SecurityGroup"/>.</summary>
public sealed class SecurityGroupArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("description")] public Input<string>? Description { get; set; }
    [Input("vpcId")] public Input<string>? VpcId { get; set; }
    [Input("ingress")] public InputList<SecurityGroupRuleArgs>? Ingress { get; set; }
    [Input("egress")] public InputList<SecurityGroupRuleArgs>? Egress { get; set; }
    [Input("revokeRulesOnDelete")] public Input<bool>? RevokeRulesOnDelete { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>A rule of <see cref="SecurityGroupArgs.Ingress"/> or <see cref="SecurityGroupArgs.Egress"/>.</summary>
public sealed class SecurityGroupRuleArgs : ResourceArgs
{
    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c> or <c>-1</c> (all).</summary>
    [Input("protocol", required: true)] public Input<string>? Protocol { get; set; }
    [Input("fromPort")] public Input<int>? FromPort { get; set; }
    [Input("toPort")] public Input<int>? ToPort { get; set; }
    [Input("cidrBlocks")] public InputList<string>? CidrBlocks { get; set; }
    [Input("ipv6CidrBlocks")] public InputList<string>? Ipv6CidrBlocks { get; set; }
    [Input("securityGroups")] public InputList<string>? SecurityGroups { get; set; }
    [Input("description")] public Input<string>? Description { get; set; }
}

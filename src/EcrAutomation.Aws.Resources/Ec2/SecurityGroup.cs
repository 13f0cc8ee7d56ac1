using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>An EC2 security group (<c>aws:ec2/securityGroup:SecurityGroup</c>).</summary>
public sealed class SecurityGroup : CustomResource
{
    /// <summary>Declares the security group; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="SecurityGroupArgs.Name"/> is set).</summary>
    public SecurityGroup(string name, SecurityGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(SecurityGroupProvider.Type, name, args ?? new SecurityGroupArgs(), options) { }

    /// <summary>The security group's ARN.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The group name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> GroupName { get; private set; } = null!;
    /// <summary>The VPC the group is in.</summary>
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    /// <summary>The account that owns the group.</summary>
    [Output("ownerId")] public Output<string> OwnerId { get; private set; } = null!;
    /// <summary>The group's tags as EC2 reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="SecurityGroup"/>.</summary>
public sealed class SecurityGroupArgs : ResourceArgs
{
    /// <summary>The group name; unset means the resource name plus a random suffix. Changing it replaces the group.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>The group description (EC2 cannot change it: changing it replaces the group). Default <c>Managed by Pulumi</c>.</summary>
    [Input("description")] public Input<string>? Description { get; set; }
    /// <summary>The VPC to create the group in; unset means the region's default VPC. Changing it replaces the group.</summary>
    [Input("vpcId")] public Input<string>? VpcId { get; set; }
    /// <summary>Inbound rules; the group holds exactly these (rules added outside the program are removed on the next update).</summary>
    [Input("ingress")] public InputList<SecurityGroupRuleArgs>? Ingress { get; set; }
    /// <summary>Outbound rules; the group holds exactly these (the allow-all rule EC2 adds to a new group is removed unless listed).</summary>
    [Input("egress")] public InputList<SecurityGroupRuleArgs>? Egress { get; set; }
    /// <summary>Accepted for pulumi-aws compatibility and ignored: this provider does not revoke the rules first; a delete of a group still in use is retried until the delete timeout.</summary>
    [Input("revokeRulesOnDelete")] public Input<bool>? RevokeRulesOnDelete { get; set; }
    /// <summary>Tags to apply to the group; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>A rule of <see cref="SecurityGroupArgs.Ingress"/> or <see cref="SecurityGroupArgs.Egress"/>.</summary>
public sealed class SecurityGroupRuleArgs : ResourceArgs
{
    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c> or <c>-1</c> (all).</summary>
    [Input("protocol", required: true)] public Input<string>? Protocol { get; set; }
    /// <summary>First port of the range (ICMP: the type); 0 with protocol <c>-1</c>.</summary>
    [Input("fromPort")] public Input<int>? FromPort { get; set; }
    /// <summary>Last port of the range (ICMP: the code); 0 with protocol <c>-1</c>.</summary>
    [Input("toPort")] public Input<int>? ToPort { get; set; }
    /// <summary>IPv4 CIDR ranges the rule allows, e.g. <c>0.0.0.0/0</c>.</summary>
    [Input("cidrBlocks")] public InputList<string>? CidrBlocks { get; set; }
    /// <summary>IPv6 CIDR ranges the rule allows.</summary>
    [Input("ipv6CidrBlocks")] public InputList<string>? Ipv6CidrBlocks { get; set; }
    /// <summary>Security group ids whose members the rule allows.</summary>
    [Input("securityGroups")] public InputList<string>? SecurityGroups { get; set; }
    /// <summary>A description of the rule.</summary>
    [Input("description")] public Input<string>? Description { get; set; }
}

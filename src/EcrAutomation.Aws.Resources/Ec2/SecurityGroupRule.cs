namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>
/// One rule of a security group, managed on its own (<c>aws:ec2/securityGroupRule:SecurityGroupRule</c>, Pulumi's
/// <c>Aws.Ec2.SecurityGroupRule</c>): what lets two groups reference each other (cluster and node groups) without a cycle.
/// Do not also list the rule in the group's inline <c>ingress</c>/<c>egress</c>: leave those unset on the group so it does
/// not manage its rules. Id = <c>sgrule-&lt;number&gt;</c> derived from the rule, as pulumi-aws.
/// </summary>
[ResourceType(SecurityGroupRuleProvider.Type)]
public sealed class SecurityGroupRule : CustomResource
{
    /// <summary>Declares the rule; <c>up</c> authorizes it on the group.</summary>
    public SecurityGroupRule(string name, SecurityGroupRuleArgs args, CustomResourceOptions? options = null)
        : base(SecurityGroupRuleProvider.Type, name, args, options) { }

    /// <summary><c>ingress</c> or <c>egress</c>.</summary>
    [Output("type")] public Output<string> RuleType { get; private set; } = null!;
    /// <summary>The group the rule belongs to.</summary>
    [Output("securityGroupId")] public Output<string> SecurityGroupId { get; private set; } = null!;
    /// <summary>The protocol, normalized (<c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>-1</c>).</summary>
    [Output("protocol")] public Output<string> Protocol { get; private set; } = null!;
    /// <summary>First port of the range.</summary>
    [Output("fromPort")] public Output<int> FromPort { get; private set; } = null!;
    /// <summary>Last port of the range.</summary>
    [Output("toPort")] public Output<int> ToPort { get; private set; } = null!;
    /// <summary>The source (ingress) or destination (egress) group, when the rule names one (with <c>self</c>: the group itself).</summary>
    [Output("sourceSecurityGroupId")] public Output<string?> SourceSecurityGroupId { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="SecurityGroupRule"/> (pulumi-aws names). Every change but the description replaces the rule.</summary>
public sealed class SecurityGroupRuleArgs : ResourceArgs
{
    /// <summary><c>ingress</c> (inbound) or <c>egress</c> (outbound).</summary>
    [Input("type", required: true)] public Input<string>? Type { get; set; }
    /// <summary>The group to add the rule to.</summary>
    [Input("securityGroupId", required: true)] public Input<string>? SecurityGroupId { get; set; }
    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, a protocol number, or <c>-1</c>/<c>all</c> for every protocol.</summary>
    [Input("protocol", required: true)] public Input<string>? Protocol { get; set; }
    /// <summary>First port of the range (ICMP: the type); 0 with protocol <c>-1</c>.</summary>
    [Input("fromPort", required: true)] public Input<int>? FromPort { get; set; }
    /// <summary>Last port of the range (ICMP: the code); 0 with protocol <c>-1</c>.</summary>
    [Input("toPort", required: true)] public Input<int>? ToPort { get; set; }
    /// <summary>IPv4 CIDR ranges, e.g. <c>0.0.0.0/0</c>.</summary>
    [Input("cidrBlocks")] public InputList<string>? CidrBlocks { get; set; }
    /// <summary>IPv6 CIDR ranges.</summary>
    [Input("ipv6CidrBlocks")] public InputList<string>? Ipv6CidrBlocks { get; set; }
    /// <summary>The group whose members the rule allows (ingress) or reaches (egress); conflicts with the CIDR blocks and <see cref="Self"/>.</summary>
    [Input("sourceSecurityGroupId")] public Input<string>? SourceSecurityGroupId { get; set; }
    /// <summary>Whether the group itself is the source (its members reach each other).</summary>
    [Input("self")] public Input<bool>? Self { get; set; }
    /// <summary>A description of the rule; changed in place.</summary>
    [Input("description")] public Input<string>? Description { get; set; }
}

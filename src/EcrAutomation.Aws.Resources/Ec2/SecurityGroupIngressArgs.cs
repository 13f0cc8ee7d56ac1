namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>An inbound rule of <see cref="SecurityGroupArgs.Ingress"/>.</summary>
public sealed class SecurityGroupIngressArgs : ResourceArgs
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

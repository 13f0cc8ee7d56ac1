using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>An Elastic Load Balancing v2 load balancer (<c>aws:lb/loadBalancer:LoadBalancer</c>).</summary>
public sealed class LoadBalancer : CustomResource
{
    public LoadBalancer(string name, LoadBalancerArgs? args = null, CustomResourceOptions? options = null)
        : base(LoadBalancerProvider.Type, name, args ?? new LoadBalancerArgs(), options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("arnSuffix")] public Output<string> ArnSuffix { get; private set; } = null!;
    [Output("name")] public Output<string> LoadBalancerName { get; private set; } = null!;
    [Output("dnsName")] public Output<string> DnsName { get; private set; } = null!;
    [Output("zoneId")] public Output<string> ZoneId { get; private set; } = null!;
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    [Output("subnets")] public Output<ImmutableArray<string>> Subnets { get; private set; } = null!;
    [Output("securityGroups")] public Output<ImmutableArray<string>> SecurityGroups { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="LoadBalancer"/> (pulumi-aws names).</summary>
public sealed class LoadBalancerArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("internal")] public Input<bool>? Internal { get; set; }
    /// <summary><c>application</c> (default) or <c>network</c>.</summary>
    [Input("loadBalancerType")] public Input<string>? LoadBalancerType { get; set; }
    [Input("subnets")] public InputList<string>? Subnets { get; set; }
    [Input("securityGroups")] public InputList<string>? SecurityGroups { get; set; }
    [Input("ipAddressType")] public Input<string>? IpAddressType { get; set; }
    [Input("idleTimeout")] public Input<int>? IdleTimeout { get; set; }
    [Input("enableHttp2")] public Input<bool>? EnableHttp2 { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>An Elastic Load Balancing v2 load balancer (<c>aws:lb/loadBalancer:LoadBalancer</c>).</summary>
[ResourceType(LoadBalancerProvider.Type)]
public sealed class LoadBalancer : CustomResource
{
    /// <summary>Declares the load balancer; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="LoadBalancerArgs.Name"/> is set) and waits until it is active.</summary>
    public LoadBalancer(string name, LoadBalancerArgs? args = null, CustomResourceOptions? options = null)
        : base(LoadBalancerProvider.Type, name, args ?? new LoadBalancerArgs(), options) { }

    /// <summary>The load balancer's ARN (also the resource id).</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The ARN's final part, <c>app/&lt;name&gt;/&lt;id&gt;</c>, as CloudWatch metrics name the load balancer.</summary>
    [Output("arnSuffix")] public Output<string> ArnSuffix { get; private set; } = null!;
    /// <summary>The load balancer name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> LoadBalancerName { get; private set; } = null!;
    /// <summary>The DNS name clients connect to.</summary>
    [Output("dnsName")] public Output<string> DnsName { get; private set; } = null!;
    /// <summary>The Route 53 hosted zone of the DNS name (for alias records).</summary>
    [Output("zoneId")] public Output<string> ZoneId { get; private set; } = null!;
    /// <summary>The VPC the load balancer is in.</summary>
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    /// <summary>The subnets the load balancer is in.</summary>
    [Output("subnets")] public Output<ImmutableArray<string>> Subnets { get; private set; } = null!;
    /// <summary>The security groups of the load balancer.</summary>
    [Output("securityGroups")] public Output<ImmutableArray<string>> SecurityGroups { get; private set; } = null!;
    /// <summary>The load balancer's tags as ELB reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="LoadBalancer"/> (pulumi-aws names).</summary>
public sealed class LoadBalancerArgs : ResourceArgs
{
    /// <summary>The name (up to 32 characters); unset means the resource name plus a random suffix. Changing it replaces the load balancer.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>Internal (private addresses only) instead of internet-facing; changing it replaces the load balancer.</summary>
    [Input("internal")] public Input<bool>? Internal { get; set; }
    /// <summary><c>application</c> (default) or <c>network</c>.</summary>
    [Input("loadBalancerType")] public Input<string>? LoadBalancerType { get; set; }
    /// <summary>The subnets, in at least two availability zones; changing them replaces the load balancer.</summary>
    [Input("subnets")] public InputList<string>? Subnets { get; set; }
    /// <summary>The security groups of an application load balancer; changing them replaces the load balancer.</summary>
    [Input("securityGroups")] public InputList<string>? SecurityGroups { get; set; }
    /// <summary><c>ipv4</c> (default) or <c>dualstack</c>; changing it replaces the load balancer.</summary>
    [Input("ipAddressType")] public Input<string>? IpAddressType { get; set; }
    /// <summary>Seconds an idle connection stays open (default 60).</summary>
    [Input("idleTimeout")] public Input<int>? IdleTimeout { get; set; }
    /// <summary>Accept HTTP/2 from clients (default true).</summary>
    [Input("enableHttp2")] public Input<bool>? EnableHttp2 { get; set; }
    /// <summary>Tags to apply to the load balancer; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

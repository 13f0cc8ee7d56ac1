using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Lb;

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

/// <summary>The health check of a <see cref="TargetGroup"/>.</summary>
public sealed class TargetGroupHealthCheckArgs : ResourceArgs
{
    [Input("enabled")] public Input<bool>? Enabled { get; set; }
    [Input("path")] public Input<string>? Path { get; set; }
    [Input("port")] public Input<string>? Port { get; set; }
    [Input("protocol")] public Input<string>? Protocol { get; set; }
    [Input("interval")] public Input<int>? Interval { get; set; }
    [Input("timeout")] public Input<int>? Timeout { get; set; }
    [Input("healthyThreshold")] public Input<int>? HealthyThreshold { get; set; }
    [Input("unhealthyThreshold")] public Input<int>? UnhealthyThreshold { get; set; }
    [Input("matcher")] public Input<string>? Matcher { get; set; }
}

/// <summary>Inputs of <see cref="TargetGroup"/>.</summary>
public sealed class TargetGroupArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("port")] public Input<int>? Port { get; set; }
    [Input("protocol")] public Input<string>? Protocol { get; set; }
    [Input("protocolVersion")] public Input<string>? ProtocolVersion { get; set; }
    [Input("vpcId")] public Input<string>? VpcId { get; set; }
    /// <summary><c>instance</c> (default), <c>ip</c> (Fargate), <c>lambda</c> or <c>alb</c>.</summary>
    [Input("targetType")] public Input<string>? TargetType { get; set; }
    [Input("healthCheck")] public Input<TargetGroupHealthCheckArgs>? HealthCheck { get; set; }
    [Input("deregistrationDelay")] public Input<int>? DeregistrationDelay { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>An ELBv2 target group (<c>aws:lb/targetGroup:TargetGroup</c>).</summary>
public sealed class TargetGroup : CustomResource
{
    public TargetGroup(string name, TargetGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(TargetGroupProvider.Type, name, args ?? new TargetGroupArgs(), options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("arnSuffix")] public Output<string> ArnSuffix { get; private set; } = null!;
    [Output("name")] public Output<string> TargetGroupName { get; private set; } = null!;
    [Output("port")] public Output<int> Port { get; private set; } = null!;
    [Output("protocol")] public Output<string> Protocol { get; private set; } = null!;
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    [Output("targetType")] public Output<string> TargetType { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>A default action of a <see cref="Listener"/>.</summary>
public sealed class ListenerDefaultActionArgs : ResourceArgs
{
    /// <summary><c>forward</c> (the only type this provider implements end to end).</summary>
    [Input("type", required: true)] public Input<string>? Type { get; set; }
    [Input("targetGroupArn")] public Input<string>? TargetGroupArn { get; set; }
    [Input("order")] public Input<int>? Order { get; set; }
}

/// <summary>Inputs of <see cref="Listener"/>.</summary>
public sealed class ListenerArgs : ResourceArgs
{
    [Input("loadBalancerArn", required: true)] public Input<string>? LoadBalancerArn { get; set; }
    [Input("port")] public Input<int>? Port { get; set; }
    [Input("protocol")] public Input<string>? Protocol { get; set; }
    [Input("certificateArn")] public Input<string>? CertificateArn { get; set; }
    [Input("sslPolicy")] public Input<string>? SslPolicy { get; set; }
    [Input("defaultActions", required: true)] public InputList<ListenerDefaultActionArgs>? DefaultActions { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>An ELBv2 listener (<c>aws:lb/listener:Listener</c>).</summary>
public sealed class Listener : CustomResource
{
    public Listener(string name, ListenerArgs args, CustomResourceOptions? options = null)
        : base(ListenerProvider.Type, name, args, options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("loadBalancerArn")] public Output<string> LoadBalancerArn { get; private set; } = null!;
    [Output("port")] public Output<int> Port { get; private set; } = null!;
    [Output("protocol")] public Output<string> Protocol { get; private set; } = null!;
}

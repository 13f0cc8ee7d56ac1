using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>An ELBv2 target group (<c>aws:lb/targetGroup:TargetGroup</c>).</summary>
[ResourceType(TargetGroupProvider.Type)]
public sealed class TargetGroup : CustomResource
{
    /// <summary>Declares the target group; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="TargetGroupArgs.Name"/> is set).</summary>
    public TargetGroup(string name, TargetGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(TargetGroupProvider.Type, name, args ?? new TargetGroupArgs(), options) { }

    /// <summary>The target group's ARN (also the resource id).</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The ARN's final part, <c>targetgroup/&lt;name&gt;/&lt;id&gt;</c>, as CloudWatch metrics name the target group.</summary>
    [Output("arnSuffix")] public Output<string> ArnSuffix { get; private set; } = null!;
    /// <summary>The target group name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> TargetGroupName { get; private set; } = null!;
    /// <summary>The port targets receive traffic on.</summary>
    [Output("port")] public Output<int> Port { get; private set; } = null!;
    /// <summary>The protocol targets receive traffic with.</summary>
    [Output("protocol")] public Output<string> Protocol { get; private set; } = null!;
    /// <summary>The VPC of the targets.</summary>
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    /// <summary>The kind of targets: <c>instance</c>, <c>ip</c>, <c>lambda</c> or <c>alb</c>.</summary>
    [Output("targetType")] public Output<string> TargetType { get; private set; } = null!;
    /// <summary>The target group's tags as ELB reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="TargetGroup"/>.</summary>
public sealed class TargetGroupArgs : ResourceArgs
{
    /// <summary>The name (up to 32 characters); unset means the resource name plus a random suffix, so a resource name over 24 characters fails at preview. Changing it replaces the target group.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>The port targets receive traffic on; changing it replaces the target group.</summary>
    [Input("port")] public Input<int>? Port { get; set; }
    /// <summary><c>HTTP</c>, <c>HTTPS</c>, <c>TCP</c>, ...; changing it replaces the target group.</summary>
    [Input("protocol")] public Input<string>? Protocol { get; set; }
    /// <summary><c>HTTP1</c> (default), <c>HTTP2</c> or <c>GRPC</c>; changing it replaces the target group.</summary>
    [Input("protocolVersion")] public Input<string>? ProtocolVersion { get; set; }
    /// <summary>The VPC of the targets (required unless the target type is <c>lambda</c>); changing it replaces the target group.</summary>
    [Input("vpcId")] public Input<string>? VpcId { get; set; }
    /// <summary><c>instance</c> (default), <c>ip</c> (Fargate), <c>lambda</c> or <c>alb</c>.</summary>
    [Input("targetType")] public Input<string>? TargetType { get; set; }
    /// <summary>How the load balancer checks that a target is healthy.</summary>
    [Input("healthCheck")] public Input<TargetGroupHealthCheckArgs>? HealthCheck { get; set; }
    /// <summary>Seconds the load balancer lets a deregistered target finish its requests (default 300).</summary>
    [Input("deregistrationDelay")] public Input<int>? DeregistrationDelay { get; set; }
    /// <summary>Tags to apply to the target group; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>The health check of a <see cref="TargetGroup"/>.</summary>
public sealed class TargetGroupHealthCheckArgs : ResourceArgs
{
    /// <summary>Check targets at all (default true).</summary>
    [Input("enabled")] public Input<bool>? Enabled { get; set; }
    /// <summary>The HTTP path to request (default <c>/</c>).</summary>
    [Input("path")] public Input<string>? Path { get; set; }
    /// <summary>The port to check: a number, or <c>traffic-port</c> (default) for the port the target receives traffic on.</summary>
    [Input("port")] public Input<string>? Port { get; set; }
    /// <summary>The protocol to check with (default the target group's).</summary>
    [Input("protocol")] public Input<string>? Protocol { get; set; }
    /// <summary>Seconds between two checks of a target (default 30).</summary>
    [Input("interval")] public Input<int>? Interval { get; set; }
    /// <summary>Seconds without a response that fail a check.</summary>
    [Input("timeout")] public Input<int>? Timeout { get; set; }
    /// <summary>Consecutive passed checks that make an unhealthy target healthy.</summary>
    [Input("healthyThreshold")] public Input<int>? HealthyThreshold { get; set; }
    /// <summary>Consecutive failed checks that make a healthy target unhealthy.</summary>
    [Input("unhealthyThreshold")] public Input<int>? UnhealthyThreshold { get; set; }
    /// <summary>The HTTP codes of a healthy response, e.g. <c>200</c> or <c>200-299</c>.</summary>
    [Input("matcher")] public Input<string>? Matcher { get; set; }
}

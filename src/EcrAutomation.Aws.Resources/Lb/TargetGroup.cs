using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Lb;

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

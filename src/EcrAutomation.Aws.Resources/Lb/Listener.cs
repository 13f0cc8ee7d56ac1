namespace EcrAutomation.Aws.Resources.Lb;

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

/// <summary>A default action of a <see cref="Listener"/>.</summary>
public sealed class ListenerDefaultActionArgs : ResourceArgs
{
    /// <summary><c>forward</c> (the only type this provider implements end to end).</summary>
    [Input("type", required: true)] public Input<string>? Type { get; set; }
    [Input("targetGroupArn")] public Input<string>? TargetGroupArn { get; set; }
    [Input("order")] public Input<int>? Order { get; set; }
}

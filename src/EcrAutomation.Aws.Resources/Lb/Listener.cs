namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>An ELBv2 listener (<c>aws:lb/listener:Listener</c>).</summary>
[ResourceType(ListenerProvider.Type)]
public sealed class Listener : CustomResource
{
    /// <summary>Declares the listener; <c>up</c> adds it to the load balancer.</summary>
    public Listener(string name, ListenerArgs args, CustomResourceOptions? options = null)
        : base(ListenerProvider.Type, name, args, options) { }

    /// <summary>The listener's ARN (also the resource id).</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The ARN of the load balancer the listener belongs to.</summary>
    [Output("loadBalancerArn")] public Output<string> LoadBalancerArn { get; private set; } = null!;
    /// <summary>The port the listener accepts connections on.</summary>
    [Output("port")] public Output<int> Port { get; private set; } = null!;
    /// <summary>The listener's protocol.</summary>
    [Output("protocol")] public Output<string> Protocol { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Listener"/>.</summary>
public sealed class ListenerArgs : ResourceArgs
{
    /// <summary>The load balancer to add the listener to; changing it replaces the listener.</summary>
    [Input("loadBalancerArn", required: true)] public Input<string>? LoadBalancerArn { get; set; }
    /// <summary>The port to listen on.</summary>
    [Input("port")] public Input<int>? Port { get; set; }
    /// <summary><c>HTTP</c> or <c>HTTPS</c> for an application load balancer; <c>TCP</c>, <c>TLS</c>, <c>UDP</c> or <c>TCP_UDP</c> for a network one. Unset means <c>HTTPS</c> on port 443 and <c>HTTP</c> otherwise.</summary>
    [Input("protocol")] public Input<string>? Protocol { get; set; }
    /// <summary>The ACM certificate ARN an <c>HTTPS</c> or <c>TLS</c> listener presents.</summary>
    [Input("certificateArn")] public Input<string>? CertificateArn { get; set; }
    /// <summary>The TLS security policy of an <c>HTTPS</c> or <c>TLS</c> listener.</summary>
    [Input("sslPolicy")] public Input<string>? SslPolicy { get; set; }
    /// <summary>What the listener does with a request no rule matches.</summary>
    [Input("defaultActions", required: true)] public InputList<ListenerDefaultActionArgs>? DefaultActions { get; set; }
    /// <summary>Tags to apply to the listener; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>A default action of a <see cref="Listener"/>.</summary>
public sealed class ListenerDefaultActionArgs : ResourceArgs
{
    /// <summary><c>forward</c> (the only type this provider implements end to end).</summary>
    [Input("type", required: true)] public Input<string>? Type { get; set; }
    /// <summary>The target group to forward to, with type <c>forward</c>.</summary>
    [Input("targetGroupArn")] public Input<string>? TargetGroupArn { get; set; }
    /// <summary>The action's position when there are several (lowest first).</summary>
    [Input("order")] public Input<int>? Order { get; set; }
}

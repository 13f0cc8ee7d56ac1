namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// An EKS managed addon (<c>aws:eks/addon:Addon</c>, Pulumi's <c>Aws.Eks.Addon</c>), e.g. <c>vpc-cni</c>, <c>coredns</c>,
/// <c>kube-proxy</c>. <c>up</c> waits until it is ACTIVE. Id = <c>clusterName:addonName</c>, as pulumi-aws.
/// </summary>
public sealed class Addon : CustomResource
{
    /// <summary>Declares the addon; <c>up</c> installs it in the cluster.</summary>
    public Addon(string name, AddonArgs args, CustomResourceOptions? options = null)
        : base(AddonProvider.Type, name, args, options) { }

    /// <summary>The addon's ARN.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The addon's name, e.g. <c>coredns</c>.</summary>
    [Output("addonName")] public Output<string> AddonName { get; private set; } = null!;
    /// <summary>The installed version (the given one, or the newest EKS offers for the cluster's Kubernetes version).</summary>
    [Output("addonVersion")] public Output<string> AddonVersion { get; private set; } = null!;
    /// <summary>The cluster it is installed in.</summary>
    [Output("clusterName")] public Output<string> ClusterName { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Addon"/> (pulumi-aws names).</summary>
public sealed class AddonArgs : ResourceArgs
{
    /// <summary>The cluster to install it in. Changing it replaces the addon.</summary>
    [Input("clusterName", required: true)] public Input<string>? ClusterName { get; set; }
    /// <summary>Which addon, e.g. <c>vpc-cni</c>. Changing it replaces the addon.</summary>
    [Input("addonName", required: true)] public Input<string>? AddonName { get; set; }
    /// <summary>The addon version; unset means EKS's default for the cluster. The local cloud's EKS has no UpdateAddon, so changing it reinstalls (replaces) the addon.</summary>
    [Input("addonVersion")] public Input<string>? AddonVersion { get; set; }
}

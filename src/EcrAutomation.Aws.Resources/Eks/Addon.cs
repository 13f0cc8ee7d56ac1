using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// An EKS managed addon (<c>aws:eks/addon:Addon</c>, Pulumi's <c>Aws.Eks.Addon</c>), e.g. <c>vpc-cni</c>, <c>coredns</c>,
/// <c>kube-proxy</c>. <c>up</c> waits until it is ACTIVE; version, service account role and configuration change in place
/// (UpdateAddon). Id = <c>clusterName:addonName</c>, as pulumi-aws.
/// </summary>
[ResourceType(AddonProvider.Type)]
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
    /// <summary>The IAM role the addon's service account uses, if any.</summary>
    [Output("serviceAccountRoleArn")] public Output<string?> ServiceAccountRoleArn { get; private set; } = null!;
    /// <summary>The addon's configuration JSON, if any.</summary>
    [Output("configurationValues")] public Output<string?> ConfigurationValues { get; private set; } = null!;
    /// <summary>The tags the addon has.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Addon"/> (pulumi-aws names).</summary>
public sealed class AddonArgs : ResourceArgs
{
    /// <summary>The cluster to install it in. Changing it replaces the addon.</summary>
    [Input("clusterName", required: true)] public Input<string>? ClusterName { get; set; }
    /// <summary>Which addon, e.g. <c>vpc-cni</c>. Changing it replaces the addon.</summary>
    [Input("addonName", required: true)] public Input<string>? AddonName { get; set; }
    /// <summary>The addon version (e.g. from <c>Eks.GetAddonVersion</c>); unset means EKS's default for the cluster. Changed in place.</summary>
    [Input("addonVersion")] public Input<string>? AddonVersion { get; set; }
    /// <summary>How create treats existing self-managed resources of the addon: <c>NONE</c> (fail on conflicts, EKS's default) or <c>OVERWRITE</c>.</summary>
    [Input("resolveConflictsOnCreate")] public Input<string>? ResolveConflictsOnCreate { get; set; }
    /// <summary>How updates treat values changed on the cluster: <c>NONE</c>, <c>OVERWRITE</c> or <c>PRESERVE</c>.</summary>
    [Input("resolveConflictsOnUpdate")] public Input<string>? ResolveConflictsOnUpdate { get; set; }
    /// <summary>An IAM role for the addon's Kubernetes service account (IRSA); changed in place.</summary>
    [Input("serviceAccountRoleArn")] public Input<string>? ServiceAccountRoleArn { get; set; }
    /// <summary>The addon's configuration as JSON (its schema comes from DescribeAddonConfiguration); changed in place.</summary>
    [Input("configurationValues")] public Input<string>? ConfigurationValues { get; set; }
    /// <summary>Keep the addon's Kubernetes objects on the cluster when the addon is deleted.</summary>
    [Input("preserve")] public Input<bool>? Preserve { get; set; }
    /// <summary>Tags for the addon. The local cloud's EKS has no tagging API, so changing them replaces the addon.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>Arguments of <see cref="GetAddonVersion"/> (pulumi-aws names).</summary>
public sealed record GetAddonVersionArgs
{
    /// <summary>The addon, e.g. <c>vpc-cni</c>, <c>kube-proxy</c>, <c>coredns</c>.</summary>
    public required string AddonName { get; init; }
    /// <summary>The cluster's Kubernetes minor version, e.g. <c>1.32</c>.</summary>
    public required string KubernetesVersion { get; init; }
    /// <summary>True for the newest version supporting <see cref="KubernetesVersion"/>; false or unset for EKS's default one.</summary>
    public bool? MostRecent { get; init; }

    internal PropertyMap ToMap()
    {
        var map = PropertyMap.Empty.Set("addonName", PropertyValue.Of(AddonName)).Set("kubernetesVersion", PropertyValue.Of(KubernetesVersion));
        return MostRecent is { } mostRecent ? map.Set("mostRecent", PropertyValue.Of(mostRecent)) : map;
    }
}

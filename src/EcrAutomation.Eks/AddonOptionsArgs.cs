namespace EcrAutomation.Eks;

/// <summary>
/// Settings of one of the cluster's managed addons (<see cref="ClusterArgs.KubeProxyAddonOptions"/>,
/// <see cref="ClusterArgs.CorednsAddonOptions"/>; pulumi-eks' <c>KubeProxyAddonOptions</c>/<c>CoreDnsAddonOptions</c>).
/// </summary>
public sealed class AddonOptionsArgs
{
    /// <summary>Whether to install the addon (default true).</summary>
    public bool? Enabled { get; init; }

    /// <summary>The addon version; unset means the most recent one for the cluster's Kubernetes version (as pulumi-eks).</summary>
    public Input<string>? Version { get; init; }

    /// <summary>How EKS resolves conflicts with a self-managed install on create: <c>NONE</c> or <c>OVERWRITE</c> (default).</summary>
    public Input<string>? ResolveConflictsOnCreate { get; init; }

    /// <summary>How EKS resolves conflicts with changed fields on update: <c>NONE</c>, <c>OVERWRITE</c> (default) or <c>PRESERVE</c>.</summary>
    public Input<string>? ResolveConflictsOnUpdate { get; init; }
}

namespace EcrAutomation.Kubernetes;

/// <summary>
/// The <c>kubernetes</c> provider's settings, named as pulumi-kubernetes names its config keys; resources using the
/// provider see them as <c>kubernetes:&lt;name&gt;</c> config.
/// </summary>
/// <remarks>
/// The in-process runtime honours <see cref="KubeConfig"/>, <see cref="Context"/>, <see cref="Cluster"/>,
/// <see cref="Namespace"/> and <see cref="EnableServerSideApply"/>. <see cref="ClusterIdentifier"/>,
/// <see cref="DeleteUnreachable"/> and <see cref="SkipUpdateUnreachable"/> carry pulumi-kubernetes' meaning and are
/// recorded in state, so a stack written by either tool reads the same.
/// </remarks>
public sealed class ProviderArgs : ResourceArgs
{
    /// <summary>
    /// The kubeconfig to use: a file path or the file's contents (YAML or JSON), like <c>kubernetes:kubeconfig</c>.
    /// Unset: <c>KUBECONFIG</c>, then <c>~/.kube/config</c>. A cluster created in the same stack passes its kubeconfig
    /// output here; while that is unknown (preview before the cluster exists) the provider makes no calls.
    /// </summary>
    [Input("kubeconfig")] public Input<string>? KubeConfig { get; set; }

    /// <summary>The kubeconfig context to use; unset: the kubeconfig's <c>current-context</c>.</summary>
    [Input("context")] public Input<string>? Context { get; set; }

    /// <summary>The kubeconfig cluster to use instead of the context's.</summary>
    [Input("cluster")] public Input<string>? Cluster { get; set; }

    /// <summary>
    /// The namespace for namespaced objects whose <c>metadata.namespace</c> is unset; unset: the context's namespace, else
    /// <c>default</c>.
    /// </summary>
    [Input("namespace")] public Input<string>? Namespace { get; set; }

    /// <summary>
    /// Whether updates use server-side apply with the field manager recorded in state (default true, as in
    /// pulumi-kubernetes 4); false: client-side patches computed from the last applied inputs.
    /// </summary>
    [Input("enableServerSideApply")] public Input<bool>? EnableServerSideApply { get; set; }

    /// <summary>
    /// A stable name for the cluster: with it set, a changed kubeconfig (rotated credentials, a new endpoint of the same
    /// cluster) updates the provider instead of replacing every resource that uses it.
    /// </summary>
    [Input("clusterIdentifier")] public Input<string>? ClusterIdentifier { get; set; }

    /// <summary>Whether resources of an unreachable cluster are removed from state on refresh or destroy instead of failing.</summary>
    [Input("deleteUnreachable")] public Input<bool>? DeleteUnreachable { get; set; }

    /// <summary>Whether updates of resources of an unreachable cluster are skipped (with a warning) instead of failing.</summary>
    [Input("skipUpdateUnreachable")] public Input<bool>? SkipUpdateUnreachable { get; set; }
}

namespace EcrAutomation.Kubernetes;

/// <summary>
/// An explicit <c>kubernetes</c> provider (<c>pulumi:providers:kubernetes</c>, pulumi-kubernetes' <c>Kubernetes.Provider</c>):
/// resources that choose it with <c>Provider =</c> in their options talk to the cluster its kubeconfig names, instead of
/// the default provider's (<c>kubernetes:*</c> stack config, else <c>KUBECONFIG</c>, else <c>~/.kube/config</c>). One
/// stack can so manage several clusters, including ones it creates (an EKS cluster's kubeconfig output).
/// </summary>
[ResourceType("pulumi:providers:kubernetes")]
public sealed class Provider : ProviderResource
{
    /// <summary>Registers the provider; its arguments are recorded in state as its config.</summary>
    /// <param name="name">The logical name, unique among the stack's kubernetes providers.</param>
    /// <param name="args">Which cluster and how to reach it; null: as the default provider.</param>
    /// <param name="options">Parent, dependencies, protection, ...</param>
    public Provider(string name, ProviderArgs? args = null, CustomResourceOptions? options = null)
        : base("kubernetes", name, args ?? new ProviderArgs(), options) { }
}

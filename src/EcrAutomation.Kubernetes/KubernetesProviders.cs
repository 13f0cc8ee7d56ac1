using EcrAutomation.Kubernetes.Runtime;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes;

/// <summary>Registers the <c>kubernetes:*</c> resource provider (pulumi-kubernetes' behaviour, in process).</summary>
public static class KubernetesProviders
{
    /// <summary>
    /// Adds the provider of every <c>kubernetes:*</c> kind to <paramref name="registry"/>. Resources find their cluster in
    /// their provider's config (<c>kubernetes:kubeconfig</c>, <c>kubernetes:context</c>, <c>kubernetes:namespace</c>), else
    /// in <c>KUBECONFIG</c> or <c>~/.kube/config</c>.
    /// </summary>
    public static ProviderRegistry Register(ProviderRegistry registry) => Register(registry, new KubernetesProviderOptions());

    internal static ProviderRegistry Register(ProviderRegistry registry, KubernetesProviderOptions options) =>
        registry.Add(new KubernetesResourceProvider(options), [.. KubernetesKinds.All.Select(k => k.Token)]);
}

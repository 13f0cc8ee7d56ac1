namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>The kinds of the <c>kubernetes</c> package: the one list of tokens the resource classes and the provider share.</summary>
internal static class KubernetesKinds
{
    public static readonly KubernetesKind Deployment = new("apps", "v1", "Deployment", "deployments", Namespaced: true);
    public static readonly KubernetesKind Service = new("", "v1", "Service", "services", Namespaced: true);
    public static readonly KubernetesKind ConfigMap = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);
    public static readonly KubernetesKind Secret = new("", "v1", "Secret", "secrets", Namespaced: true);
    public static readonly KubernetesKind ServiceAccount = new("", "v1", "ServiceAccount", "serviceaccounts", Namespaced: true);
    public static readonly KubernetesKind Namespace = new("", "v1", "Namespace", "namespaces", Namespaced: false);

    /// <summary>Every kind the provider manages.</summary>
    public static readonly IReadOnlyList<KubernetesKind> All = [Deployment, Service, ConfigMap, Secret, ServiceAccount, Namespace];

    private static readonly Dictionary<string, KubernetesKind> ByToken = All.ToDictionary(k => k.Token, StringComparer.Ordinal);

    /// <summary>The kind of a type token.</summary>
    /// <exception cref="Providers.ResourceProviderException">The token is not a kind this provider manages.</exception>
    public static KubernetesKind ForToken(string token) => ByToken.TryGetValue(token, out var kind) ? kind
        : throw new Providers.ResourceProviderException($"the kubernetes provider does not manage type '{token}'; supported: {string.Join(", ", ByToken.Keys)}");
}

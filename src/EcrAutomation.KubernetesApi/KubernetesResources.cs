using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi;

/// <summary>The resources the server stores and serves, as store keys for in-process controllers.</summary>
public static class KubernetesResources
{
    /// <summary>core/v1 namespaces (cluster-scoped).</summary>
    public static GroupVersionResource Namespaces { get; } = new(string.Empty, "v1", "namespaces");

    /// <summary>core/v1 nodes (cluster-scoped).</summary>
    public static GroupVersionResource Nodes { get; } = new(string.Empty, "v1", "nodes");

    /// <summary>core/v1 pods.</summary>
    public static GroupVersionResource Pods { get; } = new(string.Empty, "v1", "pods");

    /// <summary>core/v1 services.</summary>
    public static GroupVersionResource Services { get; } = new(string.Empty, "v1", "services");

    /// <summary>core/v1 endpoints.</summary>
    public static GroupVersionResource Endpoints { get; } = new(string.Empty, "v1", "endpoints");

    /// <summary>core/v1 configmaps.</summary>
    public static GroupVersionResource ConfigMaps { get; } = new(string.Empty, "v1", "configmaps");

    /// <summary>core/v1 secrets.</summary>
    public static GroupVersionResource Secrets { get; } = new(string.Empty, "v1", "secrets");

    /// <summary>core/v1 serviceaccounts.</summary>
    public static GroupVersionResource ServiceAccounts { get; } = new(string.Empty, "v1", "serviceaccounts");

    /// <summary>core/v1 events.</summary>
    public static GroupVersionResource Events { get; } = new(string.Empty, "v1", "events");

    /// <summary>apps/v1 deployments.</summary>
    public static GroupVersionResource Deployments { get; } = new("apps", "v1", "deployments");

    /// <summary>apps/v1 replicasets.</summary>
    public static GroupVersionResource ReplicaSets { get; } = new("apps", "v1", "replicasets");

    /// <summary>discovery.k8s.io/v1 endpointslices.</summary>
    public static GroupVersionResource EndpointSlices { get; } = new("discovery.k8s.io", "v1", "endpointslices");
}

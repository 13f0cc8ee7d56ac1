using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>Where the API server serves a kind's objects, and pulumi-kubernetes' ids for them.</summary>
internal static class ApiPaths
{
    private static readonly Dictionary<string, KubernetesKind> ByToken = KubernetesKinds.All.ToDictionary(k => k.Token, StringComparer.Ordinal);

    /// <summary>The kind of a type token.</summary>
    /// <exception cref="ResourceProviderException">The token is not a kind this package manages.</exception>
    public static KubernetesKind ForToken(string token) => ByToken.TryGetValue(token, out var kind) ? kind
        : throw new ResourceProviderException($"the kubernetes provider does not manage type '{token}'; supported: {string.Join(", ", ByToken.Keys)}");

    /// <summary>The collection path of a kind's objects, in <paramref name="ns"/> when it is namespaced.</summary>
    public static string CollectionPath(this KubernetesKind kind, string? ns) => Collection(kind.Group, kind.Version, kind.Plural, kind.Namespaced ? ns : null);

    /// <summary>The path of one object.</summary>
    public static string ObjectPath(this KubernetesKind kind, string? ns, string name) => kind.CollectionPath(ns) + "/" + Uri.EscapeDataString(name);

    /// <summary>The collection path of any resource (ReplicaSets, Pods and Endpoints the waits read), in <paramref name="ns"/> when given.</summary>
    public static string Collection(string group, string version, string plural, string? ns) =>
        (group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}") + (ns is null ? "" : $"/namespaces/{Uri.EscapeDataString(ns)}") + "/" + plural;

    /// <summary>The provider id: <c>namespace/name</c> for namespaced kinds, <c>name</c> otherwise (pulumi-kubernetes' ids).</summary>
    public static string Id(this KubernetesKind kind, string? ns, string name) => kind.Namespaced ? $"{ns}/{name}" : name;

    /// <summary>The namespace and name an id names; a namespaced id without a namespace means <paramref name="defaultNamespace"/>.</summary>
    public static (string? Namespace, string Name) ParseId(this KubernetesKind kind, string id, string defaultNamespace)
    {
        if (!kind.Namespaced) return (null, id);
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (defaultNamespace, id) : (id[..slash], id[(slash + 1)..]);
    }
}

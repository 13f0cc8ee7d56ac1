namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>A Kubernetes kind the provider manages: its Pulumi token and where the API serves it.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
/// <param name="Plural">The resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Namespaced">Whether objects of the kind live in a namespace.</param>
internal sealed record KubernetesKind(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    /// <summary>The object's <c>apiVersion</c>: <c>v1</c> for the core group, else <c>group/version</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>pulumi-kubernetes' type token, e.g. <c>kubernetes:apps/v1:Deployment</c> or <c>kubernetes:core/v1:Service</c>.</summary>
    public string Token => $"kubernetes:{(Group.Length == 0 ? "core" : Group)}/{Version}:{Kind}";

    /// <summary>The collection URL path, in <paramref name="ns"/> for a namespaced kind.</summary>
    public string CollectionPath(string? ns) =>
        (Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}") + (Namespaced ? $"/namespaces/{Uri.EscapeDataString(ns!)}" : "") + "/" + Plural;

    /// <summary>The URL path of one object.</summary>
    public string ObjectPath(string? ns, string name) => CollectionPath(ns) + "/" + Uri.EscapeDataString(name);

    /// <summary>The provider id: <c>namespace/name</c> for namespaced kinds, <c>name</c> otherwise (pulumi-kubernetes' ids).</summary>
    public string Id(string? ns, string name) => Namespaced ? $"{ns}/{name}" : name;

    /// <summary>The namespace and name an id names; a namespaced id without a namespace means <paramref name="defaultNamespace"/>.</summary>
    public (string? Namespace, string Name) ParseId(string id, string defaultNamespace)
    {
        if (!Namespaced) return (null, id);
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (defaultNamespace, id) : (id[..slash], id[(slash + 1)..]);
    }
}

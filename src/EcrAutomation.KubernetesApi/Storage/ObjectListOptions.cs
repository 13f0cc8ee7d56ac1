namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>Which objects <see cref="ObjectStore.List"/> returns; the selectors use the Kubernetes query syntax.</summary>
public sealed record ObjectListOptions
{
    /// <summary>Only objects in this namespace; null for all namespaces (and for cluster-scoped kinds).</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector such as <c>app=web,tier in (a,b),!legacy</c>; null or empty matches everything.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector such as <c>metadata.name=web,status.phase!=Running</c>; null or empty matches everything.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>At most this many objects in one page (0 or less: no limit).</summary>
    public int Limit { get; init; }

    /// <summary>The <see cref="ObjectList.Continue"/> token of the previous page.</summary>
    public string? Continue { get; init; }
}

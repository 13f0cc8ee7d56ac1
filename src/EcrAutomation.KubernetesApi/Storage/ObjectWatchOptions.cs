namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>What an <see cref="ObjectStore.Watch"/> reports.</summary>
public sealed record ObjectWatchOptions
{
    /// <summary>Only objects in this namespace; null for all.</summary>
    public string? Namespace { get; init; }

    /// <summary>A label selector; an object that starts or stops matching is reported as added or deleted.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>A field selector (same syntax as for lists).</summary>
    public string? FieldSelector { get; init; }

    /// <summary>
    /// Report changes after this resourceVersion (typically a list's). Null: first an <see cref="ObjectEventType.Added"/>
    /// event for every matching object that exists now, then every later change. A version older than the store
    /// remembers fails with <see cref="StoreFailure.Expired"/>: list again and watch from the new list's version.
    /// </summary>
    public long? FromResourceVersion { get; init; }
}

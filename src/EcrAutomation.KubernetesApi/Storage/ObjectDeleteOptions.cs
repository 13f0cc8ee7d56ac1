namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>How <see cref="ObjectStore.DeleteAsync"/> deletes: preconditions and what happens to dependents.</summary>
public sealed record ObjectDeleteOptions
{
    /// <summary>What happens to the objects the deleted one owns; null means the kind's default (background).</summary>
    public PropagationPolicy? PropagationPolicy { get; init; }

    /// <summary>Delete only if the object still has this uid (else <see cref="StoreFailure.Conflict"/>).</summary>
    public string? Uid { get; init; }

    /// <summary>Delete only if the object is still at this resourceVersion (else <see cref="StoreFailure.Conflict"/>).</summary>
    public string? ResourceVersion { get; init; }
}

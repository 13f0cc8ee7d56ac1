namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>What happened to an object, as a Kubernetes watch reports it.</summary>
public enum ObjectEventType
{
    /// <summary>The object was created (or, for a filtered watch, started to match the filter).</summary>
    Added,

    /// <summary>The object was changed.</summary>
    Modified,

    /// <summary>The object was removed from the store (or, for a filtered watch, stopped matching the filter).</summary>
    Deleted,
}

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>Why an <see cref="ObjectStore"/> operation was refused; each maps to the Kubernetes Status reason of the same name.</summary>
public enum StoreFailure
{
    /// <summary>No object has that resource, namespace and name (or the uid precondition names another object).</summary>
    NotFound,

    /// <summary>An object with that resource, namespace and name exists already.</summary>
    AlreadyExists,

    /// <summary>The write named a resourceVersion that is no longer the object's current one (optimistic concurrency).</summary>
    Conflict,

    /// <summary>A watch asked for changes from a resourceVersion older than the store still remembers (HTTP 410 Gone).</summary>
    Expired,

    /// <summary>The object is not well formed for storage (no name, wrong namespace scope, ...).</summary>
    Invalid,
}

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>An <see cref="ObjectStore"/> operation that was refused; the store is unchanged.</summary>
public sealed class ObjectStoreException : Exception
{
    /// <summary>Creates the exception for <paramref name="failure"/> with a message a user can act on.</summary>
    public ObjectStoreException(StoreFailure failure, string message)
        : base(message)
    {
        Failure = failure;
    }

    /// <summary>Why the operation was refused; the API maps it to the Status reason and HTTP code.</summary>
    public StoreFailure Failure { get; }
}

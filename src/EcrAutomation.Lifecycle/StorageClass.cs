namespace EcrAutomation.Lifecycle;

/// <summary>ECR image storage class (<c>selection.storageClass</c>, <c>action.targetStorageClass</c>).</summary>
public enum StorageClass
{
    /// <summary><c>standard</c>, the default for every image and every rule.</summary>
    Standard,

    /// <summary><c>archive</c>.</summary>
    Archive,
}

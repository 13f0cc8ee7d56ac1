namespace EcrAutomation.Images.Registry;

/// <summary>What happened to one blob during a push.</summary>
public enum BlobPushOutcome
{
    /// <summary>The registry already had it (HEAD 200); nothing was sent.</summary>
    AlreadyExists,

    /// <summary>It was mounted from another repository of the same registry; nothing was sent.</summary>
    Mounted,

    /// <summary>Its bytes were uploaded.</summary>
    Uploaded,
}

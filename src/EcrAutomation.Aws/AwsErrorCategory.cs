namespace EcrAutomation.Aws;

/// <summary>Coarse category of an AWS error code.</summary>
public enum AwsErrorCategory
{
    /// <summary>No special category.</summary>
    Other,

    /// <summary>The resource does not exist.</summary>
    NotFound,

    /// <summary>The resource exists already.</summary>
    AlreadyExists,

    /// <summary>The resource is in use, not empty, or busy.</summary>
    Conflict,
}

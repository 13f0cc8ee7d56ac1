namespace EcrAutomation.Aws.Ecr;

/// <summary>ECR error codes (the <c>__type</c> with any prefix stripped).</summary>
public static class EcrErrorCodes
{
    /// <summary>The repository does not exist in the registry.</summary>
    public const string RepositoryNotFound = "RepositoryNotFoundException";
    /// <summary>A repository with that name exists already.</summary>
    public const string RepositoryAlreadyExists = "RepositoryAlreadyExistsException";
    /// <summary>The repository still holds images; delete them or delete with force.</summary>
    public const string RepositoryNotEmpty = "RepositoryNotEmptyException";
    /// <summary>The repository has no permission policy.</summary>
    public const string RepositoryPolicyNotFound = "RepositoryPolicyNotFoundException";
    /// <summary>The repository has no lifecycle policy.</summary>
    public const string LifecyclePolicyNotFound = "LifecyclePolicyNotFoundException";
    /// <summary>No lifecycle policy preview was started for the repository.</summary>
    public const string LifecyclePolicyPreviewNotFound = "LifecyclePolicyPreviewNotFoundException";
    /// <summary>A lifecycle policy preview of the repository is still running.</summary>
    public const string LifecyclePolicyPreviewInProgress = "LifecyclePolicyPreviewInProgressException";
    /// <summary>The image (tag or digest) is not in the repository.</summary>
    public const string ImageNotFound = "ImageNotFoundException";
    /// <summary>The manifest is in the repository under that tag already.</summary>
    public const string ImageAlreadyExists = "ImageAlreadyExistsException";
    /// <summary>The tag exists already and the repository's tags are immutable.</summary>
    public const string ImageTagAlreadyExists = "ImageTagAlreadyExistsException";
    /// <summary>A parameter is invalid (ECR's message names it).</summary>
    public const string InvalidParameter = "InvalidParameterException";
    /// <summary>A tag key or value is invalid.</summary>
    public const string InvalidTagParameter = "InvalidTagParameterException";
    /// <summary>The resource would exceed ECR's 50 tags.</summary>
    public const string TooManyTags = "TooManyTagsException";
    /// <summary>An account or repository quota is reached.</summary>
    public const string LimitExceeded = "LimitExceededException";
    /// <summary>The request failed ECR's input validation.</summary>
    public const string Validation = "ValidationException";
    /// <summary>ECR failed on its side; the call is retried.</summary>
    public const string Server = "ServerException";
}

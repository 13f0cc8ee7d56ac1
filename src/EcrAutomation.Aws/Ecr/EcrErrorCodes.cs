namespace EcrAutomation.Aws.Ecr;

/// <summary>ECR error codes (the <c>__type</c> with any prefix stripped).</summary>
public static class EcrErrorCodes
{
    public const string RepositoryNotFound = "RepositoryNotFoundException";
    public const string RepositoryAlreadyExists = "RepositoryAlreadyExistsException";
    public const string RepositoryNotEmpty = "RepositoryNotEmptyException";
    public const string RepositoryPolicyNotFound = "RepositoryPolicyNotFoundException";
    public const string LifecyclePolicyNotFound = "LifecyclePolicyNotFoundException";
    public const string LifecyclePolicyPreviewNotFound = "LifecyclePolicyPreviewNotFoundException";
    public const string LifecyclePolicyPreviewInProgress = "LifecyclePolicyPreviewInProgressException";
    public const string ImageNotFound = "ImageNotFoundException";
    public const string ImageAlreadyExists = "ImageAlreadyExistsException";
    public const string ImageTagAlreadyExists = "ImageTagAlreadyExistsException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string InvalidTagParameter = "InvalidTagParameterException";
    public const string TooManyTags = "TooManyTagsException";
    public const string LimitExceeded = "LimitExceededException";
    public const string Validation = "ValidationException";
    public const string Server = "ServerException";
}

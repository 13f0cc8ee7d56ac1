using System.Net;

namespace EcrAutomation.Aws;

/// <summary>Knows which error codes are throttling, transient, not-found, already-exists or conflicts.</summary>
public static class AwsErrorClassifier
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "ServiceUnavailable", "ServiceUnavailableException", "ServerException", "ServiceFailure", "Unavailable",
    };

    private static readonly HashSet<string> NotFoundCodes = new(StringComparer.Ordinal)
    {
        "RepositoryNotFoundException", "LifecyclePolicyNotFoundException", "RepositoryPolicyNotFoundException",
        "ImageNotFoundException", "LifecyclePolicyPreviewNotFoundException", "NoSuchEntity", "ClusterNotFoundException",
        "ServiceNotFoundException", "LoadBalancerNotFound", "TargetGroupNotFound", "ListenerNotFound",
        "ResourceNotFoundException", "InvalidGroup.NotFound", "InvalidVpcID.NotFound", "InvalidSubnetID.NotFound",
        "InvalidPermission.NotFound",
    };

    private static readonly HashSet<string> AlreadyExistsCodes = new(StringComparer.Ordinal)
    {
        "RepositoryAlreadyExistsException", "EntityAlreadyExists", "ResourceAlreadyExistsException",
        "DuplicateLoadBalancerName", "DuplicateTargetGroupName", "DuplicateListener", "InvalidGroup.Duplicate",
        "InvalidPermission.Duplicate", "ImageAlreadyExistsException",
    };

    private static readonly HashSet<string> ConflictCodes = new(StringComparer.Ordinal)
    {
        "RepositoryNotEmptyException", "DeleteConflict", "ResourceInUse", "ResourceInUseException", "DependencyViolation",
        "ClusterContainsServicesException", "ClusterContainsTasksException", "LifecyclePolicyPreviewInProgressException",
        "ClusterContainsContainerInstancesException", "ServiceNotActiveException",
    };

    /// <summary>True for throttling codes or HTTP 429.</summary>
    public static bool IsThrottling(string errorCode, HttpStatusCode status) =>
        ThrottlingCodes.Contains(errorCode) || status == HttpStatusCode.TooManyRequests;

    /// <summary>True for throttling, transient codes and HTTP 500/502/503/504.</summary>
    public static bool IsRetryable(string errorCode, HttpStatusCode status) =>
        IsThrottling(errorCode, status)
        || TransientCodes.Contains(errorCode)
        || status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// True when a failed call may still have taken effect: a server error (the service may have done the work and failed
    /// to answer) or a lost connection or timeout. Throttling and client errors mean it did not.
    /// </summary>
    public static bool MayHaveTakenEffect(Exception error) => error switch
    {
        AwsServiceException service => service.IsRetryable && !service.IsThrottling,
        AwsTimeoutException => true,
        AwsException { InnerException: HttpRequestException or IOException } => true,
        _ => false,
    };

    /// <summary>Category of an error code.</summary>
    public static AwsErrorCategory Categorize(string errorCode) =>
        NotFoundCodes.Contains(errorCode) ? AwsErrorCategory.NotFound
        : AlreadyExistsCodes.Contains(errorCode) ? AwsErrorCategory.AlreadyExists
        : ConflictCodes.Contains(errorCode) ? AwsErrorCategory.Conflict
        : AwsErrorCategory.Other;
}

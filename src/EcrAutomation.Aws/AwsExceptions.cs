using System.Net;

namespace EcrAutomation.Aws;

/// <summary>Base type of every exception this library throws for a failed AWS call.</summary>
public class AwsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>Region or credentials could not be resolved, or an option is invalid.</summary>
public sealed class AwsConfigurationException(string message, Exception? innerException = null)
    : AwsException(message, innerException);

/// <summary>A call (all attempts) or a waiter did not finish within its time budget.</summary>
public sealed class AwsTimeoutException(string message, Exception? innerException = null)
    : AwsException(message, innerException);

/// <summary>A waiter reached a state from which the awaited state cannot follow (e.g. a load balancer in <c>failed</c>).</summary>
public sealed class AwsWaiterFailedException(string message) : AwsException(message);

/// <summary>
/// An error response from an AWS service, parsed from any of the wire formats (awsJson <c>__type</c>,
/// query <c>ErrorResponse</c>, ec2 <c>Response/Errors</c>, restJson <c>x-amzn-ErrorType</c>).
/// Compare <see cref="ErrorCode"/> with the constants in <c>EcrErrorCodes</c>, <c>IamErrorCodes</c> and so on,
/// or catch the category subclasses.
/// </summary>
public class AwsServiceException : AwsException
{
    /// <summary>Creates the exception.</summary>
    public AwsServiceException(
        string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId,
        Exception? innerException = null)
        : base(FormatMessage(service, operation, errorCode, errorMessage, httpStatus), innerException)
    {
        Service = service;
        Operation = operation;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        HttpStatus = httpStatus;
        RequestId = requestId;
    }

    /// <summary>Service display name, e.g. <c>ECR</c>.</summary>
    public string Service { get; }

    /// <summary>Operation name, e.g. <c>CreateRepository</c>.</summary>
    public string Operation { get; }

    /// <summary>AWS error code with any <c>ns#</c> prefix stripped, e.g. <c>RepositoryNotFoundException</c> or <c>NoSuchEntity</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The service's own message text.</summary>
    public string ErrorMessage { get; }

    /// <summary>HTTP status of the response.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>AWS request id, if the service sent one.</summary>
    public string? RequestId { get; }

    /// <summary>True for throttling errors (retried with backoff).</summary>
    public bool IsThrottling => AwsErrorClassifier.IsThrottling(ErrorCode, HttpStatus);

    /// <summary>True when the call may succeed if retried (throttling or transient server errors).</summary>
    public bool IsRetryable => AwsErrorClassifier.IsRetryable(ErrorCode, HttpStatus);

    /// <summary>Creates the most specific subclass for <paramref name="errorCode"/>.</summary>
    public static AwsServiceException Create(
        string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId,
        Exception? innerException = null) =>
        AwsErrorClassifier.Categorize(errorCode) switch
        {
            AwsErrorCategory.NotFound => new AwsResourceNotFoundException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException),
            AwsErrorCategory.AlreadyExists => new AwsResourceAlreadyExistsException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException),
            AwsErrorCategory.Conflict => new AwsResourceConflictException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException),
            _ when AwsErrorClassifier.IsThrottling(errorCode, httpStatus) => new AwsThrottlingException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException),
            _ => new AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException),
        };

    private static string FormatMessage(string service, string operation, string code, string message, HttpStatusCode status) =>
        $"{service} {operation} failed with {code} (HTTP {(int)status}): {message}";
}

/// <summary>The resource does not exist (e.g. <c>RepositoryNotFoundException</c>, <c>NoSuchEntity</c>, <c>LoadBalancerNotFound</c>).</summary>
public sealed class AwsResourceNotFoundException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

/// <summary>The resource exists already (e.g. <c>RepositoryAlreadyExistsException</c>, <c>EntityAlreadyExists</c>, <c>DuplicateListener</c>).</summary>
public sealed class AwsResourceAlreadyExistsException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

/// <summary>The resource is in use or not empty (e.g. <c>RepositoryNotEmptyException</c>, <c>DeleteConflict</c>, <c>ResourceInUse</c>).</summary>
public sealed class AwsResourceConflictException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

/// <summary>The request was throttled; it was retried until the attempts ran out.</summary>
public sealed class AwsThrottlingException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

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

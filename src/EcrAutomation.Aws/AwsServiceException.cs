using System.Net;

namespace EcrAutomation.Aws;

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

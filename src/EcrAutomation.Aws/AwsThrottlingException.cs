using System.Net;

namespace EcrAutomation.Aws;

/// <summary>The request was throttled; it was retried until the attempts ran out.</summary>
public sealed class AwsThrottlingException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

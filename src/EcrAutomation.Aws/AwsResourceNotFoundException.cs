using System.Net;

namespace EcrAutomation.Aws;

/// <summary>The resource does not exist (e.g. <c>RepositoryNotFoundException</c>, <c>NoSuchEntity</c>, <c>LoadBalancerNotFound</c>).</summary>
public sealed class AwsResourceNotFoundException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

using System.Net;

namespace EcrAutomation.Aws;

/// <summary>The resource exists already (e.g. <c>RepositoryAlreadyExistsException</c>, <c>EntityAlreadyExists</c>, <c>DuplicateListener</c>).</summary>
public sealed class AwsResourceAlreadyExistsException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

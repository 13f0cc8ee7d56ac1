using System.Net;

namespace EcrAutomation.Aws;

/// <summary>The resource is in use or not empty (e.g. <c>RepositoryNotEmptyException</c>, <c>DeleteConflict</c>, <c>ResourceInUse</c>).</summary>
public sealed class AwsResourceConflictException(
    string service, string operation, string errorCode, string errorMessage, HttpStatusCode httpStatus, string? requestId, Exception? innerException = null)
    : AwsServiceException(service, operation, errorCode, errorMessage, httpStatus, requestId, innerException);

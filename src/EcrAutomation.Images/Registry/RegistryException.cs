using System.Net;

namespace EcrAutomation.Images.Registry;

/// <summary>A registry answered with an error. Messages carry the registry's error code and text, never credentials.</summary>
public class RegistryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RegistryException(string message, HttpStatusCode? statusCode = null, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status, when there was a response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The distribution-spec error code (e.g. <c>BLOB_UNKNOWN</c>, <c>TAG_INVALID</c>), when the registry sent one.</summary>
    public string? ErrorCode { get; }
}

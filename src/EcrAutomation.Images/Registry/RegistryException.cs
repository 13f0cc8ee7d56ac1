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

/// <summary>The registry refused the credentials (401) or the operation (403).</summary>
public sealed class RegistryAuthenticationException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public RegistryAuthenticationException(string message, HttpStatusCode? statusCode = HttpStatusCode.Unauthorized, string? errorCode = null)
        : base(message, statusCode, errorCode)
    {
    }
}

/// <summary>A tag is immutable and already points at a different digest.</summary>
public sealed class RegistryTagImmutableException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public RegistryTagImmutableException(string message, HttpStatusCode? statusCode, string? errorCode)
        : base(message, statusCode, errorCode)
    {
    }
}

/// <summary>A transient failure (408, 429, 5xx) that is retried.</summary>
public sealed class RegistryTransientException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public RegistryTransientException(string message, HttpStatusCode? statusCode, string? errorCode)
        : base(message, statusCode, errorCode)
    {
    }
}

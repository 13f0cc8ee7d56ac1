using System.Net;

namespace EcrAutomation.Images.Registry;

/// <summary>A transient failure (408, 429, 5xx) that is retried.</summary>
public sealed class RegistryTransientException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public RegistryTransientException(string message, HttpStatusCode? statusCode, string? errorCode)
        : base(message, statusCode, errorCode)
    {
    }
}

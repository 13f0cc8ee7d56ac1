using System.Net;

namespace EcrAutomation.Images.Registry;

/// <summary>A tag is immutable and already points at a different digest.</summary>
public sealed class RegistryTagImmutableException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public RegistryTagImmutableException(string message, HttpStatusCode? statusCode, string? errorCode)
        : base(message, statusCode, errorCode)
    {
    }
}

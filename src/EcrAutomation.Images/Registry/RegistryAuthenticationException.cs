using System.Net;

namespace EcrAutomation.Images.Registry;

/// <summary>The registry refused the credentials (401) or the operation (403).</summary>
public sealed class RegistryAuthenticationException : RegistryException
{
    /// <summary>Creates the exception.</summary>
    public RegistryAuthenticationException(string message, HttpStatusCode? statusCode = HttpStatusCode.Unauthorized, string? errorCode = null)
        : base(message, statusCode, errorCode)
    {
    }
}

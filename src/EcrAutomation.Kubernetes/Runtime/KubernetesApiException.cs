using System.Net;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>An error answer of the API server: its HTTP status and the <c>Status</c> object's reason, message and causes.</summary>
internal sealed class KubernetesApiException(HttpStatusCode statusCode, string reason, string message, IReadOnlyList<string> causes)
    : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>The <c>Status</c> reason, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Conflict</c>, <c>Invalid</c>.</summary>
    public string Reason { get; } = reason;

    /// <summary>The <c>Status</c> details' causes, e.g. field conflicts (<c>.spec.replicas</c>).</summary>
    public IReadOnlyList<string> Causes { get; } = causes;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
}

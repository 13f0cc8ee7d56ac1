using System.Globalization;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace EcrAutomation.LocalCloud;

/// <summary>
/// Forwards a request keeping the client's <c>Host</c> header (targets see the load balancer's name, as behind an ALB)
/// and, for a load balancer listener, adding the <c>X-Forwarded-For/Proto/Port</c> headers an ALB adds.
/// </summary>
internal sealed class FrontDoorTransformer(string? listenerProtocol = null, int? listenerPort = null) : HttpTransformer
{
    /// <summary>Keeps the Host header only: the hop from the local cloud's port to a front door.</summary>
    public static readonly FrontDoorTransformer PreserveHost = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        proxyRequest.Headers.Host = httpContext.Request.Host.Value;
        if (listenerProtocol is null)
        {
            return;
        }

        var client = httpContext.Connection.RemoteIpAddress?.ToString();
        var forwardedFor = httpContext.Request.Headers["X-Forwarded-For"].ToString();
        proxyRequest.Headers.Remove("X-Forwarded-For");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor.Length > 0 ? $"{forwardedFor}, {client}" : client);
        proxyRequest.Headers.Remove("X-Forwarded-Proto");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", listenerProtocol.ToLowerInvariant());
        proxyRequest.Headers.Remove("X-Forwarded-Port");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Port", listenerPort?.ToString(CultureInfo.InvariantCulture));
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace EcrAutomation.KubernetesApi;

/// <summary>What one cluster's API server needs from its host: where its objects live, where it listens, how it proves
/// itself (TLS) and how it decides who may call it (bearer tokens).</summary>
public sealed record KubernetesApiServerOptions
{
    /// <summary>The folder of the cluster's object store; it survives restarts (required).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The TLS serving certificate with its private key, issued for 127.0.0.1/localhost by the cluster's CA (required).</summary>
    public required X509Certificate2 ServerCertificate { get; init; }

    /// <summary>
    /// Decides whether a bearer token may use the API (e.g. an <c>aws eks get-token</c> token for this cluster).
    /// Requests without a token, or with one this returns false for, get 401 Unauthorized as a Kubernetes Status (required).
    /// </summary>
    public required Func<string, CancellationToken, ValueTask<bool>> AuthenticateAsync { get; init; }

    /// <summary>The loopback address and port to listen on; port 0 picks a free one. Default 127.0.0.1:0.</summary>
    public IPEndPoint ListenEndpoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>The Kubernetes version the server reports at <c>/version</c>, e.g. <c>1.32</c>. Default 1.32.</summary>
    public string KubernetesVersion { get; init; } = "1.32";

    /// <summary>The clock for timestamps; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

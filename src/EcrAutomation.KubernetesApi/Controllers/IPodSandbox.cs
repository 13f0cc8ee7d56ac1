using System.Net;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// One pod's sandbox: the network its containers share, with the pod IP. Disposing it stops every container still running
/// in it (SIGTERM, a grace period, then SIGKILL) and frees its network.
/// </summary>
public interface IPodSandbox : IAsyncDisposable
{
    /// <summary>The pod IP: the kubelet reports it as <c>status.podIP</c>, probes and Endpoints use it.</summary>
    IPAddress Address { get; }

    /// <summary>Starts one container of the pod in this sandbox (after pulling its image by digest).</summary>
    /// <exception cref="Exception">The container could not be created or started (shown on the pod as <c>CreateContainerError</c>).</exception>
    Task<IPodContainer> StartContainerAsync(PodContainerSpec spec, CancellationToken cancellationToken);
}

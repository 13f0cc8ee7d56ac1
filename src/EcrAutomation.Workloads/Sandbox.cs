using System.Net;

namespace EcrAutomation.Workloads;

/// <summary>
/// A network namespace with its own address, reached from the host through a veth pair: the network of one ECS task or one
/// Kubernetes pod. Its containers share it, so they reach each other on 127.0.0.1. Disposing it stops its containers and
/// removes the namespace and veth.
/// </summary>
public sealed class Sandbox : IAsyncDisposable
{
    private Sandbox()
    {
    }

    /// <summary>The name given to <see cref="ContainerHost.CreateSandboxAsync"/>.</summary>
    public string Name => throw new NotImplementedException();

    /// <summary>The sandbox's address: what the host (health checks, load balancers) connects to.</summary>
    public IPAddress Address => throw new NotImplementedException();

    /// <summary>
    /// Starts a container in this sandbox and returns once its process runs; its exit is observed through
    /// <see cref="RunningContainer.Exited"/>.
    /// </summary>
    /// <param name="spec">The image and process settings.</param>
    /// <param name="cancellationToken">Cancels the start (pulling and unpacking the image included).</param>
    /// <exception cref="ContainerStartException">The image is missing or invalid, or the process could not start.</exception>
    public Task<RunningContainer> StartContainerAsync(ContainerSpec spec, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Stops the sandbox's containers (SIGTERM, a short grace, SIGKILL), then removes the namespace and veth and frees the address.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}

using Microsoft.Extensions.Logging;

namespace EcrAutomation.Workloads;

/// <summary>
/// Runs OCI images as containers without a daemon: each <see cref="Sandbox"/> is a network namespace with a veth to the
/// host and its own address from <see cref="ContainerHostOptions.AddressPool"/> (so replicas listening on the same port never
/// clash and the host reaches them directly), and each container is a runc container in it, its root filesystem unpacked
/// from the image by umoci. One host per local cloud; disposing it stops every container and removes every namespace and veth.
/// </summary>
public sealed class ContainerHost : IAsyncDisposable
{
    private ContainerHost()
    {
    }

    /// <summary>
    /// Starts a host on <see cref="ContainerHostOptions.StateDirectory"/>, first removing whatever an earlier host on that
    /// directory left behind (containers, processes, namespaces, veths), for example after the local cloud was killed.
    /// </summary>
    /// <param name="options">The state directory, name prefix, address pool and image store.</param>
    /// <param name="logger">Receives what the host does and anything it could not clean.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">Containers cannot run here (see <see cref="ContainerSupport.Probe"/>).</exception>
    public static Task<ContainerHost> StartAsync(ContainerHostOptions options, ILogger logger, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>
    /// Makes a sandbox: a network namespace with loopback up and a veth pair to the host, addressed from the pool. Containers
    /// started in it share its network (an ECS awsvpc task, a Kubernetes pod).
    /// </summary>
    /// <param name="name">A readable name (task or pod id) used in logs; need not be unique.</param>
    /// <param name="cancellationToken">Cancels the creation (what was made is removed).</param>
    /// <exception cref="InvalidOperationException">The address pool is exhausted or the host is disposed.</exception>
    public Task<Sandbox> CreateSandboxAsync(string name, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();

    /// <summary>Stops every container (SIGTERM, a short grace, SIGKILL) and removes every sandbox and what the host recorded.</summary>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}

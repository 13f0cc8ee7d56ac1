using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// The controllers that make a cluster's objects behave as on a real cluster, running in-process on its
/// <see cref="ObjectStore"/>: Deployments → ReplicaSets → Pods, the scheduler and a container-less kubelet (pods run when
/// their images resolve), Services (cluster IPs, load balancer host names, Endpoints) and the node groups' Nodes.
/// They watch the store from its current state, so starting them after a restart picks up where the last run stopped.
/// </summary>
public sealed class ClusterControllers : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;
    private readonly NodeRegistrar _nodes;
    private int _disposed;

    private ClusterControllers(ObjectStore store, ClusterControllerOptions options)
    {
        _nodes = new NodeRegistrar(store, options);
        Controller[] controllers =
        [
            new DeploymentController(store, options),
            new ReplicaSetController(store, options),
            new PodLifecycleController(store, options),
            new ServiceController(store, options),
        ];
        _running = Task.WhenAll(controllers.SelectMany(c => c.Run(_stopping.Token)));
    }

    /// <summary>Starts the controllers on <paramref name="store"/>; dispose the result (before the store) to stop them.</summary>
    public static ClusterControllers Start(ObjectStore store, ClusterControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        return new ClusterControllers(store, options);
    }

    /// <summary>Makes the cluster's Node objects match <paramref name="pools"/> (the EKS node groups): adds, updates and removes nodes.</summary>
    public Task SyncNodesAsync(IReadOnlyList<NodePool> pools, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pools);
        return _nodes.SyncAsync(pools, cancellationToken);
    }

    /// <summary>Stops every controller and waits for them to finish their current work.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }
}

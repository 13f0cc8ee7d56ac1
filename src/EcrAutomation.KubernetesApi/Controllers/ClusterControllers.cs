using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// The controllers that make a cluster's objects behave as on a real cluster, running in-process on its
/// <see cref="ObjectStore"/>: Deployments → ReplicaSets → Pods, the scheduler and a kubelet (pods run when their images
/// resolve: as real containers with a <see cref="ClusterControllerOptions.PodRuntime"/>, else without processes), Services
/// (cluster IPs, load balancer host names and, with <see cref="ClusterControllerOptions.ServiceLoadBalancers"/>, front
/// doors; Endpoints) and the node groups' Nodes. They watch the store from its current state, so starting them after a
/// restart picks up where the last run stopped.
/// </summary>
public sealed class ClusterControllers : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;
    private readonly NodeRegistrar _nodes;
    private readonly Kubelet? _kubelet;
    private int _disposed;

    private ClusterControllers(ObjectStore store, ClusterControllerOptions options)
    {
        _nodes = new NodeRegistrar(store, options);
        _kubelet = options.PodRuntime is { } runtime ? new Kubelet(store, options, runtime) : null;
        Controller[] controllers =
        [
            new DeploymentController(store, options),
            new ReplicaSetController(store, options),
            new PodLifecycleController(store, options, _kubelet),
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

    /// <summary>Stops every controller and waits for them to finish their current work, then stops the pods' containers.</summary>
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

        if (_kubelet is not null)
        {
            await _kubelet.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }
}

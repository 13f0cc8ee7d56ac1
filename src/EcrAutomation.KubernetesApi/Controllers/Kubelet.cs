using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// The pods this cluster's kubelet runs through the <see cref="IPodRuntime"/>: one <see cref="PodWorker"/> per pod uid.
/// A deleted pod's containers get its terminationGracePeriodSeconds (SIGTERM, then SIGKILL) and its logs go with it;
/// disposing stops every pod with at most <see cref="ClusterControllerOptions.ShutdownGracePeriodMax"/>.
/// </summary>
internal sealed class Kubelet(ObjectStore store, ClusterControllerOptions options, IPodRuntime runtime) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PodWorker> _pods = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _stopping = new();
    private int _disposed;

    public bool IsRunning(string uid) => _pods.ContainsKey(uid);

    /// <summary>Starts running <paramref name="pod"/> (its images resolved to <paramref name="imageIds"/>, in container order) unless it already runs.</summary>
    public void Start(JsonObject pod, IReadOnlyList<string> imageIds)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        _pods.GetOrAdd(pod.Uid(), _ => PodWorker.Start(store, options, runtime, pod, imageIds));

        // A pod deleted while it was being started: its deletion event may have come before the worker existed.
        if (store.Get(KubernetesResources.Pods, pod.Namespace(), pod.Name())?.Uid() != pod.Uid())
        {
            Stop(pod);
        }
    }

    /// <summary>Stops the pod's containers in the background with its grace period and removes its sandbox and logs.</summary>
    public void Stop(JsonObject pod)
    {
        if (!_pods.TryRemove(pod.Uid(), out var worker))
        {
            return;
        }

        var grace = TimeSpan.FromSeconds(pod["spec"]?["terminationGracePeriodSeconds"].Int(30) ?? 30);
        var stopping = StopAsync(worker, grace, removeLogs: true);
        _stopping[stopping] = 0;
        _ = stopping.ContinueWith(t => _stopping.TryRemove(t, out _), TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var workers = _pods.Values.ToList();
        _pods.Clear();
        var stops = workers.Select(w => StopAsync(w, w.GracePeriod < options.ShutdownGracePeriodMax ? w.GracePeriod : options.ShutdownGracePeriodMax, removeLogs: false));
        await Task.WhenAll([.. stops, .. _stopping.Keys]).ConfigureAwait(false);
    }

    private async Task StopAsync(PodWorker worker, TimeSpan grace, bool removeLogs)
    {
        try
        {
            await worker.StopAsync(grace).ConfigureAwait(false);
            if (removeLogs && Directory.Exists(worker.LogDirectory))
            {
                Directory.Delete(worker.LogDirectory, recursive: true);
            }
        }
        catch (Exception ex)
        {
            options.Logger.LogError(ex, "Stopping pod {Pod} failed", worker.Key);
        }
    }
}

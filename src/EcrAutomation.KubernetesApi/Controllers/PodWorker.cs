using System.Net;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// The kubelet's work for one pod with a runtime: creates its sandbox (retrying while it fails), runs a
/// <see cref="ContainerWorker"/> per container, and publishes the pod's status (phase, pod IP, Ready and ContainersReady,
/// container statuses) whenever a container's state or readiness changes. Stopping it stops the containers with the pod's
/// grace period and removes the sandbox.
/// </summary>
internal sealed class PodWorker
{
    private readonly IPodRuntime _runtime;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly List<ContainerWorker> _containers;
    private readonly Task _running;
    private IPodSandbox? _sandbox;

    private PodWorker(ObjectStore store, ClusterControllerOptions options, IPodRuntime runtime, JsonObject pod, IReadOnlyList<string> imageIds)
    {
        Store = store;
        Options = options;
        _runtime = runtime;
        Snapshot = pod;
        Namespace = pod.Namespace();
        Name = pod.Name();
        Uid = pod.Uid();
        RestartPolicy = pod["spec"]?["restartPolicy"].Text() ?? "Always";
        GracePeriod = TimeSpan.FromSeconds(pod["spec"]?["terminationGracePeriodSeconds"].Int(30) ?? 30);
        LogDirectory = PodLogFiles.PodDirectory(store.DataDirectory, Namespace, Name, Uid);
        var previous = (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(s => s["name"].Text() ?? string.Empty, StringComparer.Ordinal);
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        _containers = [.. containers.Select((c, i) => new ContainerWorker(this, c, imageIds[i], previous.GetValueOrDefault(c["name"].Text() ?? string.Empty)))];
        _running = Task.Run(RunAsync);
    }

    public ObjectStore Store { get; }

    public ClusterControllerOptions Options { get; }

    public TimeProvider Time => Options.TimeProvider;

    /// <summary>The pod as it was when the kubelet took it (its spec does not change while it runs).</summary>
    public JsonObject Snapshot { get; }

    public string Namespace { get; }

    public string Name { get; }

    public string Uid { get; }

    public string Key => ObjectKey.Of(Namespace, Name);

    public string RestartPolicy { get; }

    public string LogDirectory { get; }

    /// <summary>How long containers get between SIGTERM and SIGKILL (the pod's terminationGracePeriodSeconds, capped at shutdown).</summary>
    public TimeSpan GracePeriod { get; private set; }

    public IPAddress? Address => _sandbox?.Address;

    public static PodWorker Start(ObjectStore store, ClusterControllerOptions options, IPodRuntime runtime, JsonObject pod, IReadOnlyList<string> imageIds)
        => new(store, options, runtime, pod, imageIds);

    /// <summary>Stops every container (SIGTERM, then SIGKILL after <paramref name="grace"/>) and removes the sandbox.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        GracePeriod = grace;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var attempt = 0;
        while (_sandbox is null)
        {
            try
            {
                _sandbox = await _runtime.CreateSandboxAsync(new PodSandboxRequest(Namespace, Name, Uid), _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Options.Logger.LogWarning("The sandbox of pod {Pod} could not be created: {Error}", Key, ex.Message);
                foreach (var container in _containers)
                {
                    container.Waiting("CreateContainerError", "failed to create pod sandbox: " + ex.Message);
                }

                await PublishAsync().ConfigureAwait(false);
                try
                {
                    var delay = TimeSpan.FromTicks(Math.Min(Options.CrashLoopBackOffMax.Ticks, Options.CrashLoopBackOffInitial.Ticks << Math.Min(attempt++, 30)));
                    await Task.Delay(delay, Time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        Snapshot.Status()["podIP"] = _sandbox.Address.ToString();
        await PublishAsync().ConfigureAwait(false);
        await Task.WhenAll(_containers.Select(c => c.RunAsync(_sandbox, _stopping.Token))).ConfigureAwait(false);
    }

    /// <summary>Writes the pod's status from the containers' states (retried on conflicts; nothing once the pod is gone).</summary>
    public async Task PublishAsync()
    {
        await _publishing.WaitAsync().ConfigureAwait(false);
        try
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var pod = Store.Get(KubernetesResources.Pods, Namespace, Name);
                if (pod is null || pod.Uid() != Uid || pod.IsTerminating() || _stopping.IsCancellationRequested)
                {
                    return;
                }

                var original = (JsonObject)pod.DeepClone();
                Apply(pod);
                if (JsonNode.DeepEquals(original, pod))
                {
                    return;
                }

                try
                {
                    await Store.UpdateAsync(KubernetesResources.Pods, pod).ConfigureAwait(false);
                    return;
                }
                catch (ObjectStoreException ex) when (ex.Failure is StoreFailure.Conflict)
                {
                }
                catch (ObjectStoreException ex) when (ex.Failure is StoreFailure.NotFound)
                {
                    return;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The store closed under us (cluster deleted or local cloud stopping): nothing left to report to.
        }
        finally
        {
            _publishing.Release();
        }
    }

    private void Apply(JsonObject pod)
    {
        var now = Time.GetUtcNow();
        var status = pod.Status();
        var statuses = _containers.Select(c => c.Status()).ToList();
        var finals = _containers.Select(c => c.FinalExitCode).ToList();
        status["phase"] = finals.All(c => c is not null)
            ? (finals.All(c => c == 0) ? "Succeeded" : "Failed")
            : _containers.Any(c => c.HasStarted) ? "Running" : "Pending";
        if (_sandbox is not null)
        {
            var ip = _sandbox.Address.ToString();
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        }

        pod.SetCondition("PodReadyToStartContainers", _sandbox is not null, string.Empty, string.Empty, now, withUpdateTime: false);
        var unready = _containers.Where(c => !c.IsReady).Select(c => c.Name).ToList();
        var message = unready.Count == 0 ? string.Empty : $"containers with unready status: [{string.Join(' ', unready)}]";
        var reason = unready.Count == 0 ? string.Empty : status["phase"].Text() is "Succeeded" or "Failed" ? "PodCompleted" : "ContainersNotReady";
        pod.SetCondition("ContainersReady", unready.Count == 0, reason, message, now, withUpdateTime: false);
        pod.SetCondition("Ready", unready.Count == 0, reason, message, now, withUpdateTime: false);
        status["containerStatuses"] = new JsonArray([.. statuses]);
    }
}

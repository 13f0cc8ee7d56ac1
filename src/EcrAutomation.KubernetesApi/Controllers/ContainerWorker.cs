using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// The kubelet's loop for one container of a running pod: starts it in the pod's sandbox, runs its readiness and liveness
/// probes, and when it exits restarts it per the pod's restartPolicy, with CrashLoopBackOff between restarts (the first
/// restart at once, then the initial delay doubling up to the maximum; reset after a run of twice the maximum). Its status
/// (state, lastState, restartCount, ready, started) is what the pod publishes as a container status.
/// </summary>
internal sealed class ContainerWorker
{
    private readonly object _gate = new();
    private readonly PodWorker _pod;
    private readonly JsonObject _container;
    private readonly string _imageId;
    private readonly ContainerProbe? _readiness;
    private readonly ContainerProbe? _liveness;
    private JsonObject _state = new() { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } };
    private JsonObject _lastState = [];
    private int _restartCount;
    private bool _ready;
    private bool _started;
    private bool _everStarted;
    private bool _final;
    private string? _containerId;

    public ContainerWorker(PodWorker pod, JsonObject container, string imageId, JsonObject? previousStatus)
    {
        _pod = pod;
        _container = container;
        _imageId = imageId;
        Name = container["name"].Text() ?? string.Empty;
        _readiness = container["readinessProbe"] is JsonObject readiness ? new ContainerProbe(readiness, container) : null;
        _liveness = container["livenessProbe"] is JsonObject liveness ? new ContainerProbe(liveness, container) : null;

        // A pod that ran before the controllers restarted (the local cloud was stopped) starts a new instance of each container.
        if (previousStatus is not null)
        {
            _restartCount = previousStatus["restartCount"].Int(0) + (previousStatus["containerID"] is null ? 0 : 1);
            _lastState = previousStatus["lastState"] as JsonObject is { } last ? (JsonObject)last.DeepClone() : [];
        }
    }

    public string Name { get; }

    public bool IsReady
    {
        get
        {
            lock (_gate)
            {
                return _ready;
            }
        }
    }

    /// <summary>Whether the container has run at least once (the pod is Running from then on).</summary>
    public bool HasStarted
    {
        get
        {
            lock (_gate)
            {
                return _everStarted;
            }
        }
    }

    /// <summary>The exit code when the container has terminated for good (restartPolicy Never/OnFailure), else null.</summary>
    public int? FinalExitCode
    {
        get
        {
            lock (_gate)
            {
                return _final ? _state["terminated"]?["exitCode"].Int(0) : null;
            }
        }
    }

    public JsonObject Status()
    {
        lock (_gate)
        {
            var status = new JsonObject
            {
                ["name"] = Name,
                ["state"] = _state.DeepClone(),
                ["lastState"] = _lastState.DeepClone(),
                ["ready"] = _ready,
                ["restartCount"] = _restartCount,
                ["image"] = _container["image"].Text(),
                ["imageID"] = _imageId,
            };
            if (_containerId is not null)
            {
                status["containerID"] = "containerd://" + _containerId;
            }

            status["started"] = _started;
            return status;
        }
    }

    /// <summary>Shows why the container cannot be created yet (its sandbox or configuration failed); the pod retries.</summary>
    public void Waiting(string reason, string message)
    {
        lock (_gate)
        {
            _state = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } };
        }
    }

    public async Task RunAsync(IPodSandbox sandbox, CancellationToken stopping)
    {
        var backOffs = 0;
        while (!stopping.IsCancellationRequested)
        {
            var logFile = PodLogFiles.InstanceFile(_pod.LogDirectory, Name, _restartCount);
            PodLogFiles.KeepCurrentAndPrevious(_pod.LogDirectory, Name, _restartCount);
            JsonObject terminated;
            TimeSpan ranFor;
            using (var log = new PodLogWriter(logFile))
            {
                var startedAt = _pod.Time.GetUtcNow();
                IPodContainer? running = null;
                string? startError = null;
                try
                {
                    var spec = ContainerEnvironment.Build(_pod.Store, _pod.Snapshot, _container, _imageId, log.Write);
                    running = await sandbox.StartContainerAsync(spec, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    startError = ex.Message;
                    _pod.Options.Logger.LogWarning("Container {Container} of pod {Pod} failed to start: {Error}", Name, _pod.Key, ex.Message);
                }

                if (running is null)
                {
                    var now = _pod.Time.GetUtcNow();
                    terminated = Terminated(128, "StartError", startError, startedAt, now, null);
                    ranFor = TimeSpan.Zero;
                }
                else
                {
                    (terminated, ranFor) = await RunInstanceAsync(running, stopping).ConfigureAwait(false);
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }
                }
            }

            var exitCode = terminated["exitCode"].Int(0);
            var restart = _pod.RestartPolicy switch
            {
                "Never" => false,
                "OnFailure" => exitCode != 0,
                _ => true,
            };
            if (!restart)
            {
                lock (_gate)
                {
                    _state = new JsonObject { ["terminated"] = terminated };
                    _ready = false;
                    _started = false;
                    _final = true;
                }

                await _pod.PublishAsync().ConfigureAwait(false);
                return;
            }

            if (ranFor >= 2 * _pod.Options.CrashLoopBackOffMax)
            {
                backOffs = 0;
            }

            var delay = backOffs == 0
                ? TimeSpan.Zero
                : TimeSpan.FromTicks(Math.Min(_pod.Options.CrashLoopBackOffMax.Ticks, _pod.Options.CrashLoopBackOffInitial.Ticks << Math.Min(backOffs - 1, 30)));
            backOffs++;
            lock (_gate)
            {
                _lastState = new JsonObject { ["terminated"] = terminated };
                _ready = false;
                _started = false;
                _state = delay > TimeSpan.Zero
                    ? new JsonObject
                    {
                        ["waiting"] = new JsonObject
                        {
                            ["reason"] = "CrashLoopBackOff",
                            ["message"] = $"back-off {Seconds(delay)} restarting failed container={Name} pod={_pod.Name}_{_pod.Namespace}({_pod.Uid})",
                        },
                    }
                    : new JsonObject { ["terminated"] = terminated.DeepClone() };
            }

            await _pod.PublishAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(delay, _pod.Time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_gate)
            {
                _restartCount++;
            }
        }
    }

    /// <summary>Runs one started instance until it exits (or the pod stops): probes, then its terminated state.</summary>
    private async Task<(JsonObject Terminated, TimeSpan RanFor)> RunInstanceAsync(IPodContainer running, CancellationToken stopping)
    {
        lock (_gate)
        {
            _containerId = running.Id;
            _state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectJson.Timestamp(running.StartedAt) } };
            _started = true;
            _everStarted = true;
            _ready = _readiness is null;
        }

        await _pod.PublishAsync().ConfigureAwait(false);
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var probes = new List<Task>();
        if (_readiness is not null)
        {
            probes.Add(ProbeReadinessAsync(_readiness, running, probing.Token));
        }

        if (_liveness is not null)
        {
            probes.Add(ProbeLivenessAsync(_liveness, running, probing.Token));
        }

        PodContainerExit exit;
        try
        {
            exit = await running.Exited.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await probing.CancelAsync().ConfigureAwait(false);
            await running.StopAsync(_pod.GracePeriod, CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(probes).ConfigureAwait(false);
            return (Terminated(143, "Completed", null, running.StartedAt, _pod.Time.GetUtcNow(), running.Id), TimeSpan.Zero);
        }

        await probing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(probes).ConfigureAwait(false);
        var reason = exit.ExitCode == 0 ? "Completed" : exit.Reason is "OOMKilled" ? "OOMKilled" : "Error";
        return (Terminated(exit.ExitCode, reason, null, running.StartedAt, exit.At, running.Id), exit.At - running.StartedAt);
    }

    private async Task ProbeReadinessAsync(ContainerProbe probe, IPodContainer running, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(probe.InitialDelay, _pod.Time, cancellationToken).ConfigureAwait(false);
            var successes = 0;
            var failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var (success, message) = await probe.RunAsync(_pod.Address!, running, cancellationToken).ConfigureAwait(false);
                (successes, failures) = success ? (successes + 1, 0) : (0, failures + 1);
                bool? flip = null;
                lock (_gate)
                {
                    if (!_ready && success && successes >= probe.SuccessThreshold)
                    {
                        _ready = true;
                        flip = true;
                    }
                    else if (_ready && !success && failures >= probe.FailureThreshold)
                    {
                        _ready = false;
                        flip = false;
                    }
                }

                if (flip is not null)
                {
                    if (flip == false)
                    {
                        _pod.Options.Logger.LogInformation("Readiness probe of {Container} in pod {Pod} failed: {Message}", Name, _pod.Key, message);
                    }

                    await _pod.PublishAsync().ConfigureAwait(false);
                }

                await Task.Delay(probe.Period, _pod.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Kills the container after <c>failureThreshold</c> failed liveness probes in a row; the restart loop starts it again.</summary>
    private async Task ProbeLivenessAsync(ContainerProbe probe, IPodContainer running, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(probe.InitialDelay, _pod.Time, cancellationToken).ConfigureAwait(false);
            var failures = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var (success, message) = await probe.RunAsync(_pod.Address!, running, cancellationToken).ConfigureAwait(false);
                failures = success ? 0 : failures + 1;
                if (failures >= probe.FailureThreshold)
                {
                    _pod.Options.Logger.LogInformation("Container {Container} of pod {Pod} failed its liveness probe ({Message}) and will be restarted", Name, _pod.Key, message);
                    await running.StopAsync(_pod.GracePeriod, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(probe.Period, _pod.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static JsonObject Terminated(int exitCode, string reason, string? message, DateTimeOffset startedAt, DateTimeOffset finishedAt, string? containerId)
    {
        var terminated = new JsonObject { ["exitCode"] = exitCode, ["reason"] = reason };
        if (message is not null)
        {
            terminated["message"] = message;
        }

        terminated["startedAt"] = ObjectJson.Timestamp(startedAt);
        terminated["finishedAt"] = ObjectJson.Timestamp(finishedAt);
        if (containerId is not null)
        {
            terminated["containerID"] = "containerd://" + containerId;
        }

        return terminated;
    }

    /// <summary>A delay as Go prints durations (<c>10s</c>, <c>2m40s</c>), as in the kubelet's back-off message.</summary>
    private static string Seconds(TimeSpan delay)
        => delay.TotalMinutes >= 1 ? $"{(int)delay.TotalMinutes}m{delay.Seconds}s"
            : delay.TotalSeconds >= 1 ? $"{(int)delay.TotalSeconds}s"
            : $"{(int)delay.TotalMilliseconds}ms";
}

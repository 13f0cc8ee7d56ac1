using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Eks;
using EcrAutomation.LocalCloud.Elb;
using EcrAutomation.LocalCloud.Storage;
using EcrAutomation.Workloads;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>
/// The ECS service scheduler of the local cloud: keeps each ACTIVE service at its desired count of tasks, each task a
/// <see cref="Sandbox"/> (its awsvpc address) with one container per container definition. It replaces tasks whose
/// essential container exits or whose targets fail their health checks, rolls deployments within
/// minimumHealthyPercent/maximumPercent (new tasks healthy in their target groups before old ones drain and stop), and
/// records deployments, events and tasks in <c>ecs/state.json</c>. moto keeps clusters, task definitions and services;
/// <see cref="EcsApi"/> tells the scheduler what changed and answers task calls from it.
/// </summary>
internal sealed partial class EcsScheduler : IAsyncDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StoppedTaskRetention = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long containers get after SIGTERM when the local cloud itself stops (<c>local stop</c> should not take stopTimeout).</summary>
    private static readonly TimeSpan ShutdownStopTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly string _statePath;
    private readonly string _accountId;
    private readonly TimeProvider _time;
    private readonly MotoCaller _moto;
    private readonly EksImageResolver _images;
    private readonly TargetRegistry _targets;
    private readonly ILogger _logger;
    private readonly Dictionary<string, EcsServiceRecord> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EcsTaskRecord> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EcsTaskRun> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> _launchBackoff = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _taskDefinitions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private ContainerHost? _containers;
    private Task _loop = Task.CompletedTask;
    private bool _dirty;

    public EcsScheduler(string dataDirectory, string accountId, string region, TimeProvider time, MotoCaller moto, EksImageResolver images, TargetRegistry targets, ILogger logger)
    {
        _statePath = Path.Combine(dataDirectory, "ecs", "state.json");
        _accountId = accountId;
        DefaultRegion = region;
        _time = time;
        _moto = moto;
        _images = images;
        _targets = targets;
        _logger = logger;
    }

    /// <summary>The local cloud's region, for callers whose requests do not say theirs.</summary>
    public string DefaultRegion { get; }

    /// <summary>Whether tasks really run (containers are available); otherwise ECS stays moto's record only.</summary>
    public bool Runs => _containers is not null;

    /// <summary>Loads the recorded services and tasks and starts scheduling on <paramref name="containers"/> (null: record only).</summary>
    public void Start(ContainerHost? containers)
    {
        if (containers is null)
        {
            return;
        }

        _containers = containers;
        if (File.Exists(_statePath))
        {
            var state = JsonSerializer.Deserialize<EcsStateFile>(File.ReadAllBytes(_statePath), JsonOptions);
            var now = _time.GetUtcNow();
            foreach (var service in state?.Services ?? [])
            {
                _services[service.ServiceArn] = service;
            }

            foreach (var task in state?.Tasks ?? [])
            {
                if (!task.IsStopped)
                {
                    // The local cloud ended without stopping it (kill -9): its containers were removed with the host's leftovers.
                    MarkStopped(task, now, "ServiceSchedulerInitiated", "Task stopped because the local cloud stopped before it");
                }

                _tasks[task.TaskArn] = task;
            }
        }

        _loop = Task.Run(() => LoopAsync(_stopping.Token));
    }

    /// <summary>Asks for a scheduling pass now (after a change), instead of at the next tick.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Reconcile();
                await FlushLogsAsync(cancellationToken).ConfigureAwait(false);
                await SaveIfChangedAsync().ConfigureAwait(false);
                await _wake.WaitAsync(Tick, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "ECS scheduling pass failed");
                await Task.Delay(Tick, _time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task FlushLogsAsync(CancellationToken cancellationToken)
    {
        List<AwsLogsStream> streams;
        lock (_lock)
        {
            streams = [.. _runs.Values.SelectMany(r => r.Logs)];
        }

        foreach (var stream in streams)
        {
            try
            {
                await stream.FlushAsync(_moto, cancellationToken).ConfigureAwait(false);
            }
            catch (MotoCallException e)
            {
                _logger.LogWarning("Writing container logs to {Group}/{Stream} failed: {Message}", stream.Group, stream.Stream, e.Message);
            }
        }
    }

    private async Task SaveIfChangedAsync()
    {
        byte[] bytes;
        lock (_lock)
        {
            if (!_dirty)
            {
                return;
            }

            _dirty = false;
            var cutoff = _time.GetUtcNow() - StoppedTaskRetention;
            foreach (var expired in _tasks.Values.Where(t => t.IsStopped && t.StoppedAt < cutoff).ToList())
            {
                _tasks.Remove(expired.TaskArn);
            }

            bytes = JsonSerializer.SerializeToUtf8Bytes(new EcsStateFile([.. _services.Values], [.. _tasks.Values]), JsonOptions);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_statePath)!);
        await AtomicFile.WriteAllBytesAsync(_statePath, bytes).ConfigureAwait(false);
    }

    /// <summary>Stops every task (draining its targets) and saves the state: the local cloud is stopping.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        List<EcsTaskRun> runs;
        lock (_lock)
        {
            runs = [.. _runs.Values];
            foreach (var run in runs)
            {
                RequestStopLocked(run.Record, "ServiceSchedulerInitiated", "Task stopped because the local cloud stopped");
            }
        }

        await Task.WhenAll(runs.Select(r => r.Lifecycle)).ConfigureAwait(false);
        await SaveIfChangedAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _wake.Dispose();
    }

    private void AddEventLocked(EcsServiceRecord service, string message)
    {
        service.Events.Insert(0, new EcsServiceEventRecord(Guid.NewGuid().ToString(), _time.GetUtcNow(), message));
        if (service.Events.Count > EcsServiceRecord.MaxEvents)
        {
            service.Events.RemoveRange(EcsServiceRecord.MaxEvents, service.Events.Count - EcsServiceRecord.MaxEvents);
        }

        _dirty = true;
    }

    private static string NewDeploymentId() => "ecs-svc/" + RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private void MarkStopped(EcsTaskRecord task, DateTimeOffset now, string stopCode, string reason)
    {
        task.StopCode ??= stopCode;
        task.StoppedReason ??= reason;
        task.DesiredStatus = "STOPPED";
        task.StoppingAt ??= now;
        task.LastStatus = "STOPPED";
        task.StoppedAt = now;
        foreach (var container in task.Containers)
        {
            container.LastStatus = "STOPPED";
        }

        _dirty = true;
    }

    /// <summary>Marks a task to stop (first reason wins) and cancels its run, which then drains, stops and removes it.</summary>
    private void RequestStopLocked(EcsTaskRecord task, string stopCode, string reason)
    {
        if (task.IsStopping || task.IsStopped)
        {
            return;
        }

        task.DesiredStatus = "STOPPED";
        task.StopCode = stopCode;
        task.StoppedReason = reason;
        task.StoppingAt = _time.GetUtcNow();
        _dirty = true;
        if (_runs.TryGetValue(task.TaskArn, out var run))
        {
            run.Stopping.Cancel();
        }
        else
        {
            MarkStopped(task, _time.GetUtcNow(), stopCode, reason);
        }
    }

    private static string Short(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    private static IPAddress? Address(EcsTaskRecord task) => task.PrivateIp is { } ip ? IPAddress.Parse(ip) : null;
}

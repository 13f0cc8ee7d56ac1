using System.Globalization;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Eks;
using EcrAutomation.Workloads;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Ecs;

/// <content>A task's life: launch (sandbox, images, log streams, containers, targets), watch, drain and stop.</content>
internal sealed partial class EcsScheduler
{
    private EcsTaskRecord LaunchLocked(EcsServiceRecord service, EcsDeploymentRecord deployment)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var subnets = service.NetworkConfiguration?["awsvpcConfiguration"]?["subnets"]?.AsArray();
        var task = new EcsTaskRecord
        {
            TaskArn = $"arn:aws:ecs:{service.Region}:{_accountId}:task/{service.ClusterName}/{id}",
            ClusterArn = service.ClusterArn,
            ServiceArn = service.ServiceArn,
            ServiceName = service.ServiceName,
            TaskDefinitionArn = deployment.TaskDefinitionArn,
            DeploymentId = deployment.Id,
            CreatedAt = _time.GetUtcNow(),
            SubnetId = subnets is { Count: > 0 } ? subnets[0]!.GetValue<string>() : null,
        };
        _tasks[task.TaskArn] = task;
        var run = new EcsTaskRun(task, service);
        _runs[task.TaskArn] = run;
        _dirty = true;
        run.Lifecycle = Task.Run(() => RunTaskAsync(run));
        return task;
    }

    private async Task RunTaskAsync(EcsTaskRun run)
    {
        var task = run.Record;
        try
        {
            await LaunchAsync(run, run.Stopping.Token).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, run.Stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.Stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            var (reason, log) = ex switch
            {
                ContainerStartException e => ($"{e.Reason}: {e.Message}", false),
                TaskStartException e => (e.Message, false),
                MotoCallException e => ($"ResourceInitializationError: {e.Message}", false),
                _ => ($"ResourceInitializationError: {ex.Message}", true),
            };
            if (log)
            {
                _logger.LogError(ex, "Starting ECS task {Task} failed", task.TaskId);
            }

            lock (_lock)
            {
                foreach (var container in task.Containers.Where(c => c.LastStatus != "RUNNING"))
                {
                    container.Reason ??= reason;
                }

                RequestStopLocked(task, "TaskFailedToStart", reason);
                NoteFailureLocked(run.Service);
            }
        }

        await TeardownAsync(run).ConfigureAwait(false);
    }

    private async Task LaunchAsync(EcsTaskRun run, CancellationToken cancellationToken)
    {
        var task = run.Record;
        var service = run.Service;
        var definition = await TaskDefinitionAsync(service, task.TaskDefinitionArn, cancellationToken).ConfigureAwait(false);
        var containerDefinitions = definition["containerDefinitions"]!.AsArray().Select(c => c!.AsObject()).ToList();
        lock (_lock)
        {
            task.Cpu = Text(definition["cpu"]);
            task.Memory = Text(definition["memory"]);
            foreach (var container in containerDefinitions)
            {
                task.Containers.Add(new EcsContainerRecord
                {
                    Name = container["name"]!.GetValue<string>(),
                    ContainerArn = $"arn:aws:ecs:{service.Region}:{_accountId}:container/{service.ClusterName}/{task.TaskId}/{Guid.NewGuid()}",
                    Image = container["image"]!.GetValue<string>(),
                    Essential = container["essential"]?.GetValue<bool>() ?? true,
                });
            }
        }

        var sandbox = await _containers!.CreateSandboxAsync(task.TaskId, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            run.Sandbox = sandbox;
            task.PrivateIp = sandbox.Address.ToString();
            task.LastStatus = "PENDING";
            task.PullStartedAt = _time.GetUtcNow();
            _dirty = true;
        }

        var specs = new List<ContainerSpec>();
        foreach (var container in containerDefinitions)
        {
            var (image, error) = await _images.LocateAsync(container["image"]!.GetValue<string>(), cancellationToken).ConfigureAwait(false);
            if (image is null)
            {
                throw new TaskStartException($"CannotPullContainerError: pull image manifest has been retried 1 time(s): {error}");
            }

            var logs = AwsLogsStream.For(container, task.TaskId, service.Region, service.AccessKeyId);
            if (logs is not null)
            {
                await logs.CreateAsync(_moto, cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    run.Logs.Add(logs);
                }
            }

            lock (_lock)
            {
                task.Containers.Single(c => c.Name == container["name"]!.GetValue<string>()).ImageDigest = image.Digest;
            }

            specs.Add(Spec(container, definition, image, service.Region, logs));
        }

        lock (_lock)
        {
            task.PullStoppedAt = _time.GetUtcNow();
        }

        foreach (var spec in specs)
        {
            var started = await sandbox.StartContainerAsync(spec, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                run.Containers.Add(started);
                var record = task.Containers.Single(c => c.Name == spec.Name);
                record.RuntimeId = started.Id;
                record.LastStatus = "RUNNING";
                _dirty = true;
            }

            _ = WatchAsync(run, started);
        }

        lock (_lock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            task.LastStatus = "RUNNING";
            task.StartedAt = _time.GetUtcNow();
            foreach (var lb in service.LoadBalancers)
            {
                _targets.Register(lb.TargetGroupArn, sandbox.Address, lb.ContainerPort);
                run.Registered.Add(lb);
                AddEventLocked(service, $"(service {service.ServiceName}) registered 1 targets in (target-group {lb.TargetGroupArn})");
            }

            _dirty = true;
        }

        Wake();
    }

    /// <summary>Records a container's exit; an essential container's exit stops the task (and the service replaces it).</summary>
    private async Task WatchAsync(EcsTaskRun run, RunningContainer container)
    {
        var exit = await container.Exited.ConfigureAwait(false);
        lock (_lock)
        {
            var record = run.Record.Containers.Single(c => c.Name == container.Name);
            record.ExitCode = exit.ExitCode;
            record.LastStatus = "STOPPED";
            if (exit.Reason is "OOMKilled")
            {
                record.Reason = "OutOfMemoryError: Container killed due to memory usage";
            }

            _dirty = true;
            if (record.Essential && !run.Record.IsStopping)
            {
                RequestStopLocked(run.Record, "EssentialContainerExited", "Essential container in task exited");
                NoteFailureLocked(run.Service);
            }
        }

        Wake();
    }

    /// <summary>Drains the task's targets, stops its containers (stopTimeout, then SIGKILL) and removes its sandbox.</summary>
    private async Task TeardownAsync(EcsTaskRun run)
    {
        var task = run.Record;
        var service = run.Service;
        List<EcsLoadBalancerRecord> registered;
        lock (_lock)
        {
            registered = [.. run.Registered];
            if (task.LastStatus == "RUNNING")
            {
                task.LastStatus = "DEACTIVATING";
            }

            if (registered.Count > 0)
            {
                AddEventLocked(service, $"(service {service.ServiceName}) has begun draining connections on 1 tasks.");
            }
        }

        var address = run.Sandbox?.Address;
        if (address is not null && registered.Count > 0)
        {
            // Requests stop reaching the task at once; the deregistration delay lets those in flight finish. When the local
            // cloud itself stops, its load balancers go too, so it does not wait.
            try
            {
                await Task.WhenAll(registered.Select(lb => _targets.Deregister(lb.TargetGroupArn, address, lb.ContainerPort))).WaitAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }

            lock (_lock)
            {
                foreach (var lb in registered)
                {
                    AddEventLocked(service, $"(service {service.ServiceName}) deregistered 1 targets in (target-group {lb.TargetGroupArn})");
                }
            }
        }

        lock (_lock)
        {
            if (task.LastStatus is not "PROVISIONING" and not "PENDING")
            {
                task.LastStatus = "STOPPING";
            }
        }

        var grace = _stopping.IsCancellationRequested ? ShutdownStopTimeout : await StopTimeoutAsync(run).ConfigureAwait(false);
        await Task.WhenAll(run.Containers.Select(c => StopContainerAsync(task, c, grace))).ConfigureAwait(false);
        lock (_lock)
        {
            task.LastStatus = "DEPROVISIONING";
        }

        if (run.Sandbox is { } sandbox)
        {
            try
            {
                await sandbox.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Removing the sandbox of ECS task {Task} failed", task.TaskId);
            }
        }

        foreach (var logs in run.Logs)
        {
            try
            {
                await logs.FlushAsync(_moto, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MotoCallException e)
            {
                _logger.LogWarning("Writing the last container logs to {Group}/{Stream} failed: {Message}", logs.Group, logs.Stream, e.Message);
            }
        }

        lock (_lock)
        {
            MarkStopped(task, _time.GetUtcNow(), "ServiceSchedulerInitiated", "Task stopped");
            _runs.Remove(task.TaskArn);
        }

        run.Dispose();
        Wake();
    }

    private async Task StopContainerAsync(EcsTaskRecord task, RunningContainer container, TimeSpan grace)
    {
        try
        {
            await container.StopAsync(grace, CancellationToken.None).ConfigureAwait(false);
            var exit = await container.Exited.ConfigureAwait(false);
            lock (_lock)
            {
                var record = task.Containers.Single(c => c.Name == container.Name);
                record.ExitCode ??= exit.ExitCode;
                record.LastStatus = "STOPPED";
            }
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Stopping container {Container} of ECS task {Task} failed", container.Name, task.TaskId);
        }
    }

    /// <summary>The longest <c>stopTimeout</c> of the task's containers (ECS's default: 30 seconds).</summary>
    private async Task<TimeSpan> StopTimeoutAsync(EcsTaskRun run)
    {
        if (run.Containers.Count == 0)
        {
            return TimeSpan.Zero;
        }

        try
        {
            var definition = await TaskDefinitionAsync(run.Service, run.Record.TaskDefinitionArn, CancellationToken.None).ConfigureAwait(false);
            var timeouts = definition["containerDefinitions"]!.AsArray().Select(c => c?["stopTimeout"]?.GetValue<int>()).Where(t => t is not null).ToList();
            return timeouts.Count == 0 ? DefaultStopTimeout : TimeSpan.FromSeconds(timeouts.Max()!.Value);
        }
        catch (MotoCallException)
        {
            return DefaultStopTimeout;
        }
    }

    /// <summary>The task definition (moto's <c>DescribeTaskDefinition</c>, cached: a revision never changes).</summary>
    private async Task<JsonObject> TaskDefinitionAsync(EcsServiceRecord service, string arn, CancellationToken cancellationToken)
    {
        if (_taskDefinitions.TryGetValue(arn, out var cached))
        {
            return cached;
        }

        var response = await _moto.CallAsync("ecs", EcsApi.TargetPrefix + "DescribeTaskDefinition", new JsonObject { ["taskDefinition"] = arn }, service.AccessKeyId, service.Region, cancellationToken).ConfigureAwait(false);
        var definition = response["taskDefinition"]!.AsObject();
        _taskDefinitions[arn] = definition;
        return definition;
    }

    private static ContainerSpec Spec(JsonObject container, JsonObject definition, LocalImage image, string region, AwsLogsStream? logs)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_REGION"] = region,
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_EXECUTION_ENV"] = "AWS_ECS_FARGATE",
        };
        foreach (var pair in container["environment"]?.AsArray() ?? [])
        {
            environment[pair!["name"]!.GetValue<string>()] = pair["value"]?.GetValue<string>() ?? string.Empty;
        }

        var memoryMiB = Number(container["memory"]) ?? Number(definition["memory"]);
        var cpuUnits = Number(definition["cpu"]) ?? Number(container["cpu"]);
        return new ContainerSpec
        {
            Name = container["name"]!.GetValue<string>(),
            Repository = image.Repository,
            Digest = image.Digest,
            Entrypoint = Strings(container["entryPoint"]),
            Command = Strings(container["command"]),
            Environment = environment,
            WorkingDirectory = container["workingDirectory"]?.GetValue<string>(),
            User = container["user"]?.GetValue<string>(),
            MemoryLimitBytes = memoryMiB is { } m and > 0 ? m * 1024 * 1024 : null,
            CpuLimit = cpuUnits is { } c and > 0 ? c / 1024.0 : null,
            OnLog = logs is null ? null : logs.Add,
        };
    }

    private static List<string>? Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : null;

    private static string? Text(JsonNode? node) => node is JsonValue value ? value.ToString() : null;

    private static long? Number(JsonNode? node) => node is JsonValue value && long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}

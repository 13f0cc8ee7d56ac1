namespace EcrAutomation.LocalCloud.Ecs;

/// <content>The scheduling pass: health, replacements, rolling deployments, scaling, rollout state.</content>
internal sealed partial class EcsScheduler
{
    private static readonly TimeSpan MaxLaunchBackoff = TimeSpan.FromMinutes(1);

    /// <summary>One pass over every service; task launches and stops it decides start in the background.</summary>
    private void Reconcile()
    {
        lock (_lock)
        {
            foreach (var service in _services.Values)
            {
                ReconcileLocked(service);
            }
        }
    }

    private void ReconcileLocked(EcsServiceRecord service)
    {
        var now = _time.GetUtcNow();
        var desired = service.Status == "ACTIVE" ? service.DesiredCount : 0;
        StopTasksFailingHealthChecksLocked(service, now);

        var live = LiveTasks(service);
        var primary = service.Primary;
        var primaryLive = live.Where(t => t.DeploymentId == primary.Id).ToList();
        var maximum = Math.Max(desired, desired * service.MaximumPercent / 100);
        var minimumHealthy = (int)Math.Ceiling(desired * service.MinimumHealthyPercent / 100.0);

        // Older deployments: stop their unhealthy tasks at once, healthy ones while enough healthy tasks remain.
        var healthy = live.Count(IsHealthyLocked);
        var stopped = new List<EcsTaskRecord>();
        foreach (var old in live.Where(t => t.DeploymentId != primary.Id).OrderBy(IsHealthyLocked))
        {
            if (IsHealthyLocked(old))
            {
                if (healthy - 1 < minimumHealthy)
                {
                    continue;
                }

                healthy--;
            }

            RequestStopLocked(old, "ServiceSchedulerInitiated", $"Task stopped by the deployment of {Short(primary.TaskDefinitionArn)} (deployment {primary.Id})");
            stopped.Add(old);
        }

        // Scale in: the newest, least healthy tasks of the primary deployment first.
        foreach (var extra in primaryLive.OrderBy(IsHealthyLocked).ThenByDescending(t => t.CreatedAt).Take(Math.Max(0, primaryLive.Count - desired)).ToList())
        {
            RequestStopLocked(extra, "ServiceSchedulerInitiated", "Scaling activity initiated by (deployment " + primary.Id + ")");
            stopped.Add(extra);
            primaryLive.Remove(extra);
        }

        if (stopped.Count > 0)
        {
            AddEventLocked(service, $"(service {service.ServiceName}) has stopped {stopped.Count} running tasks: {string.Join(' ', stopped.Select(t => $"(task {t.TaskId})"))}.");
        }

        // Scale out / roll: new primary tasks within maximumPercent (tasks still stopping count, as on ECS).
        var running = live.Count - stopped.Count;
        var launch = Math.Min(desired - primaryLive.Count, maximum - running);
        if (launch > 0 && (!_launchBackoff.TryGetValue(service.ServiceArn, out var backoff) || now >= backoff.NotBefore))
        {
            var started = Enumerable.Range(0, launch).Select(_ => LaunchLocked(service, primary)).ToList();
            AddEventLocked(service, $"(service {service.ServiceName}) has started {started.Count} tasks: {string.Join(' ', started.Select(t => $"(task {t.TaskId})"))}.");
        }

        // Deployments whose tasks are all gone are done.
        var withTasks = _tasks.Values.Where(t => t.ServiceArn == service.ServiceArn && !t.IsStopped).Select(t => t.DeploymentId).ToHashSet(StringComparer.Ordinal);
        if (service.Deployments.RemoveAll(d => d != primary && !withTasks.Contains(d.Id)) > 0)
        {
            _dirty = true;
        }

        var steady = service.Deployments.Count == 1 && primaryLive.Count == desired && primaryLive.All(IsHealthyLocked)
            && !_tasks.Values.Any(t => t.ServiceArn == service.ServiceArn && t.IsStopping && !t.IsStopped);
        if (steady && primary.RolloutState == "IN_PROGRESS")
        {
            primary.RolloutState = "COMPLETED";
            primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
            primary.UpdatedAt = now;
            AddEventLocked(service, $"(service {service.ServiceName}) (deployment {primary.Id}) deployment completed.");
        }

        if (steady && !service.Steady && service.Status == "ACTIVE")
        {
            AddEventLocked(service, $"(service {service.ServiceName}) has reached a steady state.");
        }

        if (steady)
        {
            _launchBackoff.Remove(service.ServiceArn);
        }

        if (steady != service.Steady)
        {
            service.Steady = steady;
            _dirty = true;
        }
    }

    /// <summary>Tasks of the service that are wanted running (not stopping, not stopped).</summary>
    private List<EcsTaskRecord> LiveTasks(EcsServiceRecord service)
        => [.. _tasks.Values.Where(t => t.ServiceArn == service.ServiceArn && !t.IsStopping && !t.IsStopped)];

    /// <summary>RUNNING, and healthy in every target group of the service.</summary>
    private bool IsHealthyLocked(EcsTaskRecord task)
    {
        if (task.LastStatus != "RUNNING")
        {
            return false;
        }

        var service = _services[task.ServiceArn];
        var address = Address(task);
        return address is not null && service.LoadBalancers.All(lb => _targets.Health(lb.TargetGroupArn, address, lb.ContainerPort).State is Elb.TargetHealth.Healthy or Elb.TargetHealth.Unavailable);
    }

    /// <summary>ECS replaces a task whose target turned unhealthy once the service's health check grace period has passed.</summary>
    private void StopTasksFailingHealthChecksLocked(EcsServiceRecord service, DateTimeOffset now)
    {
        if (service.LoadBalancers.Count == 0)
        {
            return;
        }

        foreach (var task in LiveTasks(service).Where(t => t.LastStatus == "RUNNING" && t.StartedAt + TimeSpan.FromSeconds(service.HealthCheckGracePeriodSeconds) <= now))
        {
            var address = Address(task)!;
            var failing = service.LoadBalancers.FirstOrDefault(lb => _targets.Health(lb.TargetGroupArn, address, lb.ContainerPort).State == Elb.TargetHealth.Unhealthy);
            if (failing is null)
            {
                continue;
            }

            var health = _targets.Health(failing.TargetGroupArn, address, failing.ContainerPort);
            // AWS's event, plus the health check's reason (AWS shows that only in describe-target-health, gone once the task stops).
            AddEventLocked(service, $"(service {service.ServiceName}) (task {task.TaskId}) failed ELB health checks in (target-group {failing.TargetGroupArn}). Health check: {health.Reason} ({health.Description}).");
            RequestStopLocked(task, "ServiceSchedulerInitiated", $"Task failed ELB health checks in (target-group {failing.TargetGroupArn})");
            NoteFailureLocked(service);
        }
    }

    /// <summary>Tasks that fail to start or exit soon are relaunched with a growing delay, as ECS throttles such services.</summary>
    private void NoteFailureLocked(EcsServiceRecord service)
    {
        var failures = _launchBackoff.TryGetValue(service.ServiceArn, out var previous) ? previous.Failures + 1 : 1;
        var delay = TimeSpan.FromSeconds(Math.Min(MaxLaunchBackoff.TotalSeconds, Math.Pow(2, failures - 1)));
        _launchBackoff[service.ServiceArn] = (failures, _time.GetUtcNow() + delay);
        service.Primary.FailedTasks++;
    }
}

using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Ecs;

/// <content>What the ECS API tells the scheduler (services created, updated, deleted) and asks it (tasks, live counts).</content>
internal sealed partial class EcsScheduler
{
    /// <summary>
    /// Takes a service as moto answered CreateService/UpdateService/DescribeServices (and the caller's request, whose
    /// deployment settings moto does not keep): new services get their first deployment, a new task definition or
    /// <c>forceNewDeployment</c> a new PRIMARY deployment.
    /// </summary>
    public void ObserveService(JsonObject service, JsonObject? request, string accessKeyId, string region)
    {
        var arn = service["serviceArn"]!.GetValue<string>();
        var status = service["status"]?.GetValue<string>() ?? "ACTIVE";
        var taskDefinition = service["taskDefinition"]?.GetValue<string>();
        lock (_lock)
        {
            if (!_services.TryGetValue(arn, out var record))
            {
                if (status != "ACTIVE" || taskDefinition is null)
                {
                    return;
                }

                var now = _time.GetUtcNow();
                var firstDeployment = service["deployments"]?.AsArray().FirstOrDefault()?["id"]?.GetValue<string>() ?? NewDeploymentId();
                record = new EcsServiceRecord
                {
                    ServiceArn = arn,
                    ServiceName = service["serviceName"]!.GetValue<string>(),
                    ClusterArn = service["clusterArn"]!.GetValue<string>(),
                    AccessKeyId = accessKeyId,
                    Region = region,
                    TaskDefinitionArn = taskDefinition,
                    Deployments = [new EcsDeploymentRecord { Id = firstDeployment, TaskDefinitionArn = taskDefinition, CreatedAt = now, UpdatedAt = now }],
                };
                _services[arn] = record;
                ApplySettings(record, service, request ?? service);
            }
            else
            {
                record.AccessKeyId = accessKeyId;
                ApplySettings(record, service, request);
                var force = request?["forceNewDeployment"]?.GetValue<bool>() == true;
                if (status == "ACTIVE" && record.Status != "ACTIVE")
                {
                    // Created again under the same name while the old one still drained.
                    record.Status = "ACTIVE";
                    force = true;
                }

                if (taskDefinition is not null && (taskDefinition != record.TaskDefinitionArn || force))
                {
                    record.TaskDefinitionArn = taskDefinition;
                    var now = _time.GetUtcNow();
                    foreach (var old in record.Deployments)
                    {
                        old.Status = "ACTIVE";
                    }

                    record.Deployments.Insert(0, new EcsDeploymentRecord { Id = NewDeploymentId(), TaskDefinitionArn = taskDefinition, CreatedAt = now, UpdatedAt = now });
                    record.Steady = false;
                }
            }

            if (status != "ACTIVE")
            {
                record.Status = "DRAINING";
            }

            _dirty = true;
        }

        Wake();
    }

    private static void ApplySettings(EcsServiceRecord record, JsonObject service, JsonObject? request)
    {
        if (service["desiredCount"] is JsonValue desired)
        {
            record.DesiredCount = desired.GetValue<int>();
        }

        record.LaunchType = service["launchType"]?.GetValue<string>() ?? record.LaunchType;
        if (service["networkConfiguration"] is JsonObject { Count: > 0 } network)
        {
            record.NetworkConfiguration = network.DeepClone().AsObject();
        }

        if (request?["deploymentConfiguration"] is JsonObject deployment)
        {
            record.MaximumPercent = deployment["maximumPercent"]?.GetValue<int>() ?? record.MaximumPercent;
            record.MinimumHealthyPercent = deployment["minimumHealthyPercent"]?.GetValue<int>() ?? record.MinimumHealthyPercent;
        }

        if (request?["healthCheckGracePeriodSeconds"] is JsonValue grace)
        {
            record.HealthCheckGracePeriodSeconds = grace.GetValue<int>();
        }

        if (request?["loadBalancers"] is JsonArray loadBalancers)
        {
            record.LoadBalancers = [.. loadBalancers
                .Where(lb => lb?["targetGroupArn"] is not null)
                .Select(lb => new EcsLoadBalancerRecord(lb!["targetGroupArn"]!.GetValue<string>(), lb["containerName"]!.GetValue<string>(), lb["containerPort"]!.GetValue<int>()))];
        }
    }

    /// <summary>DeleteService succeeded in moto: the service drains (its tasks stop) and then is INACTIVE.</summary>
    public void ObserveServiceDeleted(string serviceArn)
    {
        lock (_lock)
        {
            if (_services.TryGetValue(serviceArn, out var record))
            {
                record.Status = "DRAINING";
                record.DesiredCount = 0;
                _dirty = true;
            }
        }

        Wake();
    }

    /// <summary>DeleteCluster succeeded in moto: everything in it stops.</summary>
    public void ObserveClusterDeleted(string clusterArn)
    {
        lock (_lock)
        {
            foreach (var service in _services.Values.Where(s => s.ClusterArn == clusterArn))
            {
                service.Status = "DRAINING";
                service.DesiredCount = 0;
            }

            foreach (var task in _tasks.Values.Where(t => t.ClusterArn == clusterArn))
            {
                RequestStopLocked(task, "ServiceSchedulerInitiated", "Task stopped because its cluster was deleted");
            }

            _dirty = true;
        }

        Wake();
    }

    /// <summary>
    /// Overwrites moto's counts, status, deployments and events in a service object with the truth: tasks RUNNING and
    /// PENDING, DRAINING until a deleted service's tasks have stopped. Services the scheduler does not know are left as
    /// moto says.
    /// </summary>
    public void PatchService(JsonObject service)
    {
        var arn = service["serviceArn"]?.GetValue<string>();
        lock (_lock)
        {
            if (arn is null || !_services.TryGetValue(arn, out var record))
            {
                return;
            }

            var tasks = _tasks.Values.Where(t => t.ServiceArn == arn && !t.IsStopped).ToList();
            if (record.Status != "ACTIVE")
            {
                if (tasks.Count == 0)
                {
                    _services.Remove(arn);
                    _dirty = true;
                    service["status"] = "INACTIVE";
                }
                else
                {
                    service["status"] = "DRAINING";
                }
            }

            service["runningCount"] = tasks.Count(t => t.LastStatus == "RUNNING");
            service["pendingCount"] = tasks.Count(t => t.LastStatus is "PROVISIONING" or "PENDING");
            service["deploymentConfiguration"] = new JsonObject
            {
                ["maximumPercent"] = record.MaximumPercent,
                ["minimumHealthyPercent"] = record.MinimumHealthyPercent,
            };
            if (record.LoadBalancers.Count > 0)
            {
                service["healthCheckGracePeriodSeconds"] = record.HealthCheckGracePeriodSeconds;
            }

            service["deployments"] = new JsonArray([.. record.Deployments.Select(d => EcsJson.Deployment(d, record, tasks))]);
            service["events"] = new JsonArray([.. record.Events.Select(EcsJson.Event)]);
        }
    }

    /// <summary>ListTasks: the tasks of a cluster, filtered as the API's parameters say (desiredStatus RUNNING by default).</summary>
    public IReadOnlyList<string> ListTasks(string clusterName, string? serviceName, string? desiredStatus, string? family, string? startedBy)
    {
        lock (_lock)
        {
            return [.. _tasks.Values
                .Where(t => Short(t.ClusterArn) == clusterName
                    && (serviceName is null || t.ServiceName == Short(serviceName))
                    && t.DesiredStatus == (desiredStatus ?? "RUNNING")
                    && (family is null || Short(t.TaskDefinitionArn).Split(':')[0] == family)
                    && (startedBy is null || t.DeploymentId == startedBy))
                .OrderBy(t => t.CreatedAt)
                .Select(t => t.TaskArn)];
        }
    }

    /// <summary>The task of the cluster with this id or ARN, as DescribeTasks reports it; null when unknown.</summary>
    public JsonObject? DescribeTask(string clusterName, string task)
    {
        lock (_lock)
        {
            return Find(clusterName, task) is { } record ? EcsJson.Task(record) : null;
        }
    }

    /// <summary>StopTask: the task stops (its service starts a replacement); null when unknown.</summary>
    public JsonObject? StopTask(string clusterName, string task, string? reason)
    {
        JsonObject? answer;
        lock (_lock)
        {
            if (Find(clusterName, task) is not { } record)
            {
                return null;
            }

            RequestStopLocked(record, "UserInitiated", string.IsNullOrEmpty(reason) ? "Task stopped by user" : reason);
            answer = EcsJson.Task(record);
        }

        Wake();
        return answer;
    }

    private EcsTaskRecord? Find(string clusterName, string task)
        => _tasks.Values.FirstOrDefault(t => Short(t.ClusterArn) == clusterName && (t.TaskArn == task || t.TaskId == Short(task)));
}

using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>The scheduler's records in the ECS API's JSON shapes (timestamps as epoch seconds).</summary>
internal static class EcsJson
{
    public static JsonObject Task(EcsTaskRecord task)
    {
        var attachmentId = Guid.ParseExact(task.TaskId, "N").ToString();
        var json = new JsonObject
        {
            ["taskArn"] = task.TaskArn,
            ["clusterArn"] = task.ClusterArn,
            ["taskDefinitionArn"] = task.TaskDefinitionArn,
            ["group"] = "service:" + task.ServiceName,
            ["startedBy"] = task.DeploymentId,
            ["lastStatus"] = task.LastStatus,
            ["desiredStatus"] = task.DesiredStatus,
            ["launchType"] = "FARGATE",
            ["platformVersion"] = "1.4.0",
            ["platformFamily"] = "Linux",
            ["cpu"] = task.Cpu,
            ["memory"] = task.Memory,
            ["healthStatus"] = "UNKNOWN",
            ["connectivity"] = "CONNECTED",
            ["createdAt"] = Seconds(task.CreatedAt),
            ["version"] = 1,
            ["containers"] = new JsonArray([.. task.Containers.Select(c => Container(c, task, attachmentId))]),
            ["attachments"] = new JsonArray(Attachment(task, attachmentId)),
            ["overrides"] = new JsonObject { ["containerOverrides"] = new JsonArray([.. task.Containers.Select(c => new JsonObject { ["name"] = c.Name })]) },
            ["tags"] = new JsonArray(),
        };
        Add(json, "pullStartedAt", task.PullStartedAt);
        Add(json, "pullStoppedAt", task.PullStoppedAt);
        Add(json, "startedAt", task.StartedAt);
        Add(json, "stoppingAt", task.StoppingAt);
        Add(json, "stoppedAt", task.StoppedAt);
        Add(json, "executionStoppedAt", task.StoppedAt);
        if (task.StopCode is not null)
        {
            json["stopCode"] = task.StopCode;
        }

        if (task.StoppedReason is not null)
        {
            json["stoppedReason"] = task.StoppedReason;
        }

        return json;
    }

    private static JsonObject Container(EcsContainerRecord container, EcsTaskRecord task, string attachmentId)
    {
        var json = new JsonObject
        {
            ["containerArn"] = container.ContainerArn,
            ["taskArn"] = task.TaskArn,
            ["name"] = container.Name,
            ["image"] = container.Image,
            ["lastStatus"] = container.LastStatus,
            ["healthStatus"] = "UNKNOWN",
            ["networkBindings"] = new JsonArray(),
            ["networkInterfaces"] = task.PrivateIp is null
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["attachmentId"] = attachmentId, ["privateIpv4Address"] = task.PrivateIp }),
        };
        if (container.ImageDigest is not null)
        {
            json["imageDigest"] = container.ImageDigest;
        }

        if (container.RuntimeId is not null)
        {
            json["runtimeId"] = container.RuntimeId;
        }

        if (container.ExitCode is { } exitCode)
        {
            json["exitCode"] = exitCode;
        }

        if (container.Reason is not null)
        {
            json["reason"] = container.Reason;
        }

        return json;
    }

    /// <summary>The task's ENI, as Fargate reports it: ATTACHED while the task has its address, DELETED once stopped.</summary>
    private static JsonObject Attachment(EcsTaskRecord task, string attachmentId)
    {
        var details = new JsonArray();
        if (task.SubnetId is not null)
        {
            details.Add(Detail("subnetId", task.SubnetId));
        }

        details.Add(Detail("networkInterfaceId", "eni-" + task.TaskId[..17]));
        if (task.PrivateIp is not null)
        {
            details.Add(Detail("privateDnsName", "ip-" + task.PrivateIp.Replace('.', '-') + ".ec2.internal"));
            details.Add(Detail("privateIPv4Address", task.PrivateIp));
        }

        return new JsonObject
        {
            ["id"] = attachmentId,
            ["type"] = "ElasticNetworkInterface",
            ["status"] = task.LastStatus switch
            {
                "PROVISIONING" => task.PrivateIp is null ? "PRECREATED" : "ATTACHED",
                "STOPPED" => "DELETED",
                "DEPROVISIONING" => "DETACHING",
                _ => "ATTACHED",
            },
            ["details"] = details,
        };
    }

    public static JsonObject Deployment(EcsDeploymentRecord deployment, EcsServiceRecord service, IReadOnlyList<EcsTaskRecord> tasks)
    {
        var own = tasks.Where(t => t.DeploymentId == deployment.Id).ToList();
        return new JsonObject
        {
            ["id"] = deployment.Id,
            ["status"] = deployment.Status,
            ["taskDefinition"] = deployment.TaskDefinitionArn,
            ["desiredCount"] = deployment.Status == "PRIMARY" && service.Status == "ACTIVE" ? service.DesiredCount : 0,
            ["runningCount"] = own.Count(t => t.LastStatus == "RUNNING"),
            ["pendingCount"] = own.Count(t => t.LastStatus is "PROVISIONING" or "PENDING"),
            ["failedTasks"] = deployment.FailedTasks,
            ["createdAt"] = Seconds(deployment.CreatedAt),
            ["updatedAt"] = Seconds(deployment.UpdatedAt),
            ["launchType"] = service.LaunchType,
            ["platformVersion"] = "1.4.0",
            ["platformFamily"] = "Linux",
            ["networkConfiguration"] = service.NetworkConfiguration?.DeepClone(),
            ["rolloutState"] = deployment.RolloutState,
            ["rolloutStateReason"] = deployment.RolloutState == "COMPLETED" ? deployment.RolloutStateReason : $"ECS deployment {deployment.Id} in progress.",
        };
    }

    public static JsonObject Event(EcsServiceEventRecord serviceEvent) => new()
    {
        ["id"] = serviceEvent.Id,
        ["createdAt"] = Seconds(serviceEvent.CreatedAt),
        ["message"] = serviceEvent.Message,
    };

    private static JsonObject Detail(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static void Add(JsonObject json, string name, DateTimeOffset? at)
    {
        if (at is { } value)
        {
            json[name] = Seconds(value);
        }
    }

    private static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;
}

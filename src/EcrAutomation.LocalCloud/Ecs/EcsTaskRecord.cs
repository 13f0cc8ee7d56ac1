namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>
/// One ECS task the local cloud runs for a service, as <c>DescribeTasks</c> reports it. Statuses move PROVISIONING
/// (sandbox and address) → PENDING (image and logs) → RUNNING (containers started) → DEPROVISIONING (targets drained,
/// containers stopping) → STOPPED, never back. Mutated only under the <see cref="EcsScheduler"/>'s lock.
/// </summary>
internal sealed class EcsTaskRecord
{
    public required string TaskArn { get; init; }

    public required string ClusterArn { get; init; }

    public required string ServiceArn { get; init; }

    public required string ServiceName { get; init; }

    public required string TaskDefinitionArn { get; init; }

    /// <summary>The deployment (<c>ecs-svc/…</c>) that started the task; also its <c>startedBy</c>.</summary>
    public required string DeploymentId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string LastStatus { get; set; } = "PROVISIONING";

    public string DesiredStatus { get; set; } = "RUNNING";

    public string? Cpu { get; set; }

    public string? Memory { get; set; }

    public string? PrivateIp { get; set; }

    public string? SubnetId { get; init; }

    public DateTimeOffset? PullStartedAt { get; set; }

    public DateTimeOffset? PullStoppedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? StoppingAt { get; set; }

    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>AWS's stop codes: <c>EssentialContainerExited</c>, <c>TaskFailedToStart</c>, <c>ServiceSchedulerInitiated</c>, <c>UserInitiated</c>.</summary>
    public string? StopCode { get; set; }

    public string? StoppedReason { get; set; }

    public List<EcsContainerRecord> Containers { get; init; } = [];

    /// <summary>The last health failure seen for the task's targets, so it is reported once.</summary>
    public string? UnhealthyTargetGroupArn { get; set; }

    public string TaskId => TaskArn[(TaskArn.LastIndexOf('/') + 1)..];

    public bool IsStopped => LastStatus == "STOPPED";

    public bool IsStopping => DesiredStatus == "STOPPED";
}

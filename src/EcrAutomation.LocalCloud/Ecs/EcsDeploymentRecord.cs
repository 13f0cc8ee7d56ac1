namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>One deployment of a service: the tasks of one task definition, rolled out as <c>rolloutState</c> says.</summary>
internal sealed class EcsDeploymentRecord
{
    public required string Id { get; init; }

    public required string TaskDefinitionArn { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>PRIMARY for the newest, ACTIVE for older ones that still have tasks.</summary>
    public string Status { get; set; } = "PRIMARY";

    public string RolloutState { get; set; } = "IN_PROGRESS";

    public string RolloutStateReason { get; set; } = "ECS deployment in progress.";

    public int FailedTasks { get; set; }
}

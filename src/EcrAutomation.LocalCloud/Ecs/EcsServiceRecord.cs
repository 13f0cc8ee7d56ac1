using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>
/// What the local cloud keeps of an ECS service besides moto's record: the settings the scheduler acts on (copied from
/// moto's answers to CreateService/UpdateService), its deployments and events, and the caller's credential scope for the
/// calls the local cloud makes on the service's behalf (logs, task definitions).
/// </summary>
internal sealed class EcsServiceRecord
{
    public required string ServiceArn { get; init; }

    public required string ServiceName { get; init; }

    public required string ClusterArn { get; init; }

    public required string AccessKeyId { get; set; }

    public required string Region { get; init; }

    public string Status { get; set; } = "ACTIVE";

    public int DesiredCount { get; set; }

    public required string TaskDefinitionArn { get; set; }

    public int MinimumHealthyPercent { get; set; } = 100;

    public int MaximumPercent { get; set; } = 200;

    public int HealthCheckGracePeriodSeconds { get; set; }

    public List<EcsLoadBalancerRecord> LoadBalancers { get; set; } = [];

    public JsonObject? NetworkConfiguration { get; set; }

    public string? LaunchType { get; set; }

    /// <summary>Newest first; the first is PRIMARY (the service's task definition), the rest ACTIVE until their tasks are gone.</summary>
    public List<EcsDeploymentRecord> Deployments { get; init; } = [];

    /// <summary>Newest first, at most <see cref="MaxEvents"/>, as <c>DescribeServices</c> returns them.</summary>
    public List<EcsServiceEventRecord> Events { get; init; } = [];

    public const int MaxEvents = 100;

    /// <summary>Whether the service last had one deployment with all its tasks running and healthy (so the steady-state event is posted once per change).</summary>
    public bool Steady { get; set; }

    public string ClusterName => ClusterArn[(ClusterArn.LastIndexOf('/') + 1)..];

    public EcsDeploymentRecord Primary => Deployments[0];
}

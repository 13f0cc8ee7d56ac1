#pragma warning disable CS1591 // Wire shapes only: each mirrors the botocore ECS model (2014-11-13) member for member and is documented in the AWS API reference (docs/architecture.md, "Public API").

namespace EcrAutomation.Aws.Ecs;

/// <summary>ECS tag (lower-case <c>key</c>/<c>value</c> on the wire).</summary>
public sealed record EcsTag(string Key, string Value);

public sealed record ClusterSetting(string Name, string Value);

public sealed record Cluster
{
    public string? ClusterArn { get; init; }
    public string? ClusterName { get; init; }
    public string? Status { get; init; }
    public int RegisteredContainerInstancesCount { get; init; }
    public int RunningTasksCount { get; init; }
    public int PendingTasksCount { get; init; }
    public int ActiveServicesCount { get; init; }
    public IReadOnlyList<ClusterSetting>? Settings { get; init; }
    public IReadOnlyList<EcsTag>? Tags { get; init; }
    public IReadOnlyList<string>? CapacityProviders { get; init; }
}

public sealed record Failure
{
    public string? Arn { get; init; }
    public string? Reason { get; init; }
    public string? Detail { get; init; }
}

public sealed record CreateClusterRequest
{
    public string? ClusterName { get; init; }
    public IReadOnlyList<EcsTag>? Tags { get; init; }
    public IReadOnlyList<ClusterSetting>? Settings { get; init; }
    public IReadOnlyList<string>? CapacityProviders { get; init; }
}

public sealed record ClusterResponse
{
    public Cluster? Cluster { get; init; }
}

public sealed record DescribeClustersRequest
{
    public IReadOnlyList<string>? Clusters { get; init; }
    public IReadOnlyList<string>? Include { get; init; }
}

public sealed record DescribeClustersResponse
{
    public IReadOnlyList<Cluster> Clusters { get; init; } = [];
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}

public sealed record DeleteClusterRequest
{
    public required string Cluster { get; init; }
}

public sealed record EcsKeyValuePair(string Name, string Value);

public sealed record Secret(string Name, string ValueFrom);

public sealed record PortMapping
{
    public int? ContainerPort { get; init; }
    public int? HostPort { get; init; }
    public string? Protocol { get; init; }
    public string? Name { get; init; }
    public string? AppProtocol { get; init; }
}

public sealed record LogConfiguration
{
    public required string LogDriver { get; init; }
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

public sealed record HealthCheck
{
    public required IReadOnlyList<string> Command { get; init; }
    public int? Interval { get; init; }
    public int? Timeout { get; init; }
    public int? Retries { get; init; }
    public int? StartPeriod { get; init; }
}

public sealed record ContainerDefinition
{
    public string? Name { get; init; }
    public string? Image { get; init; }
    public int? Cpu { get; init; }
    public int? Memory { get; init; }
    public int? MemoryReservation { get; init; }
    public bool? Essential { get; init; }
    public IReadOnlyList<PortMapping>? PortMappings { get; init; }
    public IReadOnlyList<EcsKeyValuePair>? Environment { get; init; }
    public IReadOnlyList<Secret>? Secrets { get; init; }
    public IReadOnlyList<string>? Command { get; init; }
    public IReadOnlyList<string>? EntryPoint { get; init; }
    public string? WorkingDirectory { get; init; }
    public LogConfiguration? LogConfiguration { get; init; }
    public HealthCheck? HealthCheck { get; init; }
    public IReadOnlyDictionary<string, string>? DockerLabels { get; init; }
}

public sealed record RuntimePlatform
{
    public string? CpuArchitecture { get; init; }
    public string? OperatingSystemFamily { get; init; }
}

public sealed record TaskDefinition
{
    public string? TaskDefinitionArn { get; init; }
    public IReadOnlyList<ContainerDefinition>? ContainerDefinitions { get; init; }
    public string? Family { get; init; }
    public string? TaskRoleArn { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public string? NetworkMode { get; init; }
    public int Revision { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string>? Compatibilities { get; init; }
    public IReadOnlyList<string>? RequiresCompatibilities { get; init; }
    public RuntimePlatform? RuntimePlatform { get; init; }
    public string? Cpu { get; init; }
    public string? Memory { get; init; }
    public DateTimeOffset? RegisteredAt { get; init; }
    public DateTimeOffset? DeregisteredAt { get; init; }
    public string? RegisteredBy { get; init; }
}

public sealed record RegisterTaskDefinitionRequest
{
    public required string Family { get; init; }
    public string? TaskRoleArn { get; init; }
    public string? ExecutionRoleArn { get; init; }
    public string? NetworkMode { get; init; }
    public required IReadOnlyList<ContainerDefinition> ContainerDefinitions { get; init; }
    public IReadOnlyList<string>? RequiresCompatibilities { get; init; }
    public string? Cpu { get; init; }
    public string? Memory { get; init; }
    public RuntimePlatform? RuntimePlatform { get; init; }
    public IReadOnlyList<EcsTag>? Tags { get; init; }
}

public sealed record TaskDefinitionResponse
{
    public TaskDefinition? TaskDefinition { get; init; }
    public IReadOnlyList<EcsTag>? Tags { get; init; }
}

public sealed record DescribeTaskDefinitionRequest
{
    public required string TaskDefinition { get; init; }
    public IReadOnlyList<string>? Include { get; init; }
}

public sealed record ListTaskDefinitionsRequest
{
    public string? FamilyPrefix { get; init; }
    /// <summary><c>ACTIVE</c>, <c>INACTIVE</c> or <c>DELETE_IN_PROGRESS</c>.</summary>
    public string? Status { get; init; }
    public string? Sort { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

public sealed record ListTaskDefinitionsResponse
{
    public IReadOnlyList<string> TaskDefinitionArns { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record ListClustersRequest
{
    public string? NextToken { get; init; }
}

public sealed record ListClustersResponse
{
    public IReadOnlyList<string> ClusterArns { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record ListServicesRequest
{
    public string? Cluster { get; init; }
    public string? NextToken { get; init; }
}

public sealed record ListServicesResponse
{
    public IReadOnlyList<string> ServiceArns { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record DeregisterTaskDefinitionRequest
{
    public required string TaskDefinition { get; init; }
}

public sealed record AwsVpcConfiguration
{
    public required IReadOnlyList<string> Subnets { get; init; }
    public IReadOnlyList<string>? SecurityGroups { get; init; }
    public string? AssignPublicIp { get; init; }
}

public sealed record NetworkConfiguration
{
    public AwsVpcConfiguration? AwsvpcConfiguration { get; init; }
}

public sealed record ServiceLoadBalancer
{
    public string? TargetGroupArn { get; init; }
    public string? LoadBalancerName { get; init; }
    public string? ContainerName { get; init; }
    public int? ContainerPort { get; init; }
}

public sealed record DeploymentCircuitBreaker(bool Enable, bool Rollback);

public sealed record DeploymentConfiguration
{
    public DeploymentCircuitBreaker? DeploymentCircuitBreaker { get; init; }
    public int? MaximumPercent { get; init; }
    public int? MinimumHealthyPercent { get; init; }
}

public sealed record Deployment
{
    public string? Id { get; init; }
    public string? Status { get; init; }
    public string? TaskDefinition { get; init; }
    public int DesiredCount { get; init; }
    public int PendingCount { get; init; }
    public int RunningCount { get; init; }
    public int FailedTasks { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? LaunchType { get; init; }
    public string? RolloutState { get; init; }
    public string? RolloutStateReason { get; init; }
}

public sealed record ServiceEvent
{
    public string? Id { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Message { get; init; }
}

public sealed record Service
{
    public string? ServiceArn { get; init; }
    public string? ServiceName { get; init; }
    public string? ClusterArn { get; init; }
    public IReadOnlyList<ServiceLoadBalancer>? LoadBalancers { get; init; }
    public string? Status { get; init; }
    public int DesiredCount { get; init; }
    public int RunningCount { get; init; }
    public int PendingCount { get; init; }
    public string? LaunchType { get; init; }
    public string? PlatformVersion { get; init; }
    public string? TaskDefinition { get; init; }
    public DeploymentConfiguration? DeploymentConfiguration { get; init; }
    public IReadOnlyList<Deployment>? Deployments { get; init; }
    public IReadOnlyList<ServiceEvent>? Events { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public NetworkConfiguration? NetworkConfiguration { get; init; }
    public int? HealthCheckGracePeriodSeconds { get; init; }
    public string? SchedulingStrategy { get; init; }
    public IReadOnlyList<EcsTag>? Tags { get; init; }
    public bool EnableECSManagedTags { get; init; }
    public string? PropagateTags { get; init; }
    public bool EnableExecuteCommand { get; init; }
}

public sealed record CreateServiceRequest
{
    public string? Cluster { get; init; }
    public required string ServiceName { get; init; }
    public string? TaskDefinition { get; init; }
    public IReadOnlyList<ServiceLoadBalancer>? LoadBalancers { get; init; }
    public int? DesiredCount { get; init; }
    public string? ClientToken { get; init; }
    public string? LaunchType { get; init; }
    public string? PlatformVersion { get; init; }
    public DeploymentConfiguration? DeploymentConfiguration { get; init; }
    public NetworkConfiguration? NetworkConfiguration { get; init; }
    public int? HealthCheckGracePeriodSeconds { get; init; }
    public string? SchedulingStrategy { get; init; }
    public IReadOnlyList<EcsTag>? Tags { get; init; }
    public bool? EnableECSManagedTags { get; init; }
    public string? PropagateTags { get; init; }
    public bool? EnableExecuteCommand { get; init; }
}

public sealed record UpdateServiceRequest
{
    public string? Cluster { get; init; }
    public required string Service { get; init; }
    public int? DesiredCount { get; init; }
    public string? TaskDefinition { get; init; }
    public DeploymentConfiguration? DeploymentConfiguration { get; init; }
    public NetworkConfiguration? NetworkConfiguration { get; init; }
    public string? PlatformVersion { get; init; }
    public bool? ForceNewDeployment { get; init; }
    public int? HealthCheckGracePeriodSeconds { get; init; }
    public bool? EnableExecuteCommand { get; init; }
    public IReadOnlyList<ServiceLoadBalancer>? LoadBalancers { get; init; }
}

public sealed record ServiceResponse
{
    public Service? Service { get; init; }
}

public sealed record DeleteServiceRequest
{
    public string? Cluster { get; init; }
    public required string Service { get; init; }
    public bool? Force { get; init; }
}

public sealed record DescribeServicesRequest
{
    public string? Cluster { get; init; }
    public required IReadOnlyList<string> Services { get; init; }
    public IReadOnlyList<string>? Include { get; init; }
}

public sealed record DescribeServicesResponse
{
    public IReadOnlyList<Service> Services { get; init; } = [];
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}

public sealed record ListTasksRequest
{
    public string? Cluster { get; init; }
    public string? ServiceName { get; init; }
    public string? DesiredStatus { get; init; }
    public string? NextToken { get; init; }
}

public sealed record ListTasksResponse
{
    public IReadOnlyList<string> TaskArns { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record DescribeTasksRequest
{
    public string? Cluster { get; init; }
    public required IReadOnlyList<string> Tasks { get; init; }
}

public sealed record DescribeTasksResponse
{
    public IReadOnlyList<EcsTask> Tasks { get; init; } = [];
    public IReadOnlyList<Failure> Failures { get; init; } = [];
}

public sealed record EcsTask
{
    public string? TaskArn { get; init; }
    public string? TaskDefinitionArn { get; init; }
    public string? LastStatus { get; init; }
    public string? DesiredStatus { get; init; }
    public string? StopCode { get; init; }
    public string? StoppedReason { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? StoppedAt { get; init; }
    public IReadOnlyList<EcsTaskContainer> Containers { get; init; } = [];
}

public sealed record EcsTaskContainer
{
    public string? Name { get; init; }
    public string? LastStatus { get; init; }
    public int? ExitCode { get; init; }
    public string? Reason { get; init; }
}

public sealed record EcsTagResourceRequest
{
    public required string ResourceArn { get; init; }
    public required IReadOnlyList<EcsTag> Tags { get; init; }
}

public sealed record EcsUntagResourceRequest
{
    public required string ResourceArn { get; init; }
    public required IReadOnlyList<string> TagKeys { get; init; }
}

public sealed record EcsListTagsForResourceRequest
{
    public required string ResourceArn { get; init; }
}

public sealed record EcsListTagsForResourceResponse
{
    public IReadOnlyList<EcsTag> Tags { get; init; } = [];
}

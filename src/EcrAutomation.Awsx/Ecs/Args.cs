using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Aws.Resources.CloudWatch;
using AwsLb = EcrAutomation.Aws.Resources.Lb;

namespace EcrAutomation.Awsx.Ecs;

/// <summary>A port mapping of a container; <see cref="TargetGroup"/> connects it to a load balancer.</summary>
public sealed class TaskDefinitionPortMappingArgs
{
    public Input<int>? ContainerPort { get; init; }
    public Input<int>? HostPort { get; init; }
    public Input<string>? Protocol { get; init; }
    public Input<string>? Name { get; init; }
    public Input<string>? AppProtocol { get; init; }
    /// <summary>The target group the service registers this port in (not part of the container JSON).</summary>
    public Input<AwsLb.TargetGroup>? TargetGroup { get; init; }
}

/// <summary>A name/value pair (environment variables).</summary>
public sealed class TaskDefinitionKeyValuePairArgs
{
    public required Input<string> Name { get; init; }
    public required Input<string> Value { get; init; }
}

/// <summary>A secret of a container (<c>valueFrom</c> is a Secrets Manager or SSM parameter ARN).</summary>
public sealed class TaskDefinitionSecretArgs
{
    public required Input<string> Name { get; init; }
    public required Input<string> ValueFrom { get; init; }
}

/// <summary>A container's log configuration.</summary>
public sealed class TaskDefinitionLogConfigurationArgs
{
    public required Input<string> LogDriver { get; init; }
    public InputMap<string>? Options { get; init; }
}

/// <summary>A container of a Fargate task definition (awsx's <c>TaskDefinitionContainerDefinition</c>).</summary>
public sealed class TaskDefinitionContainerDefinitionArgs
{
    /// <summary>Default "container" for a single container; the map key for <c>Containers</c>.</summary>
    public Input<string>? Name { get; init; }
    public Input<string>? Image { get; init; }
    public Input<int>? Cpu { get; init; }
    public Input<int>? Memory { get; init; }
    public Input<int>? MemoryReservation { get; init; }
    public Input<bool>? Essential { get; init; }
    public IReadOnlyList<TaskDefinitionPortMappingArgs>? PortMappings { get; init; }
    public IReadOnlyList<TaskDefinitionKeyValuePairArgs>? Environment { get; init; }
    public IReadOnlyList<TaskDefinitionSecretArgs>? Secrets { get; init; }
    public InputList<string>? Command { get; init; }
    public InputList<string>? EntryPoint { get; init; }
    public Input<string>? WorkingDirectory { get; init; }
    public TaskDefinitionLogConfigurationArgs? LogConfiguration { get; init; }
}

/// <summary>awsx's <c>DefaultLogGroup</c>: skip it, use an existing one, or create one with args.</summary>
public sealed class DefaultLogGroupArgs
{
    public bool Skip { get; init; }
    /// <summary>The name of an existing log group.</summary>
    public Input<string>? ExistingName { get; init; }
    public LogGroupArgs? Args { get; init; }
}

/// <summary>awsx's <c>DefaultRoleWithPolicy</c>: skip the role, use an existing one, or create one with args.</summary>
public sealed class DefaultRoleWithPolicyArgs
{
    public bool Skip { get; init; }
    public Input<string>? RoleArn { get; init; }
    public RoleArgs? Args { get; init; }
    /// <summary>Managed policies to attach to a created role (added to the defaults).</summary>
    public IReadOnlyList<string>? PolicyArns { get; init; }
}

/// <summary>Inputs of <see cref="FargateTaskDefinition"/> (and <see cref="FargateServiceArgs.TaskDefinitionArgs"/>).</summary>
public class FargateTaskDefinitionArgs
{
    /// <summary>The single container. Exactly one of <see cref="Container"/> and <see cref="Containers"/>.</summary>
    public TaskDefinitionContainerDefinitionArgs? Container { get; init; }
    public IReadOnlyDictionary<string, TaskDefinitionContainerDefinitionArgs>? Containers { get; init; }
    /// <summary>Task CPU units; default: the cheapest Fargate size that fits the containers.</summary>
    public Input<string>? Cpu { get; init; }
    /// <summary>Task memory in MiB; default: the cheapest Fargate size that fits the containers.</summary>
    public Input<string>? Memory { get; init; }
    /// <summary>Default <c>&lt;name&gt;-&lt;8 hex&gt;</c>, stable across changes so every change is a new revision of one family.</summary>
    public Input<string>? Family { get; init; }
    public DefaultLogGroupArgs? LogGroup { get; init; }
    public DefaultRoleWithPolicyArgs? TaskRole { get; init; }
    public DefaultRoleWithPolicyArgs? ExecutionRole { get; init; }
    public TaskDefinitionRuntimePlatformArgs? RuntimePlatform { get; init; }
    public Input<bool>? SkipDestroy { get; init; }
    public InputMap<string>? Tags { get; init; }
}

/// <summary>The task definition arguments of a <see cref="FargateService"/>.</summary>
public sealed class FargateServiceTaskDefinitionArgs : FargateTaskDefinitionArgs;

/// <summary>A capacity provider strategy item (accepted for awsx's validation; not deployed by this provider).</summary>
public sealed class ServiceCapacityProviderStrategyArgs
{
    public required Input<string> CapacityProvider { get; init; }
    public Input<int>? Weight { get; init; }
    public Input<int>? Base { get; init; }
}

/// <summary>Inputs of <see cref="FargateService"/>.</summary>
public sealed class FargateServiceArgs
{
    public Input<string>? Name { get; init; }
    /// <summary>Cluster ARN; unset means ECS's <c>default</c> cluster.</summary>
    public Input<string>? Cluster { get; init; }
    /// <summary>Default 1.</summary>
    public Input<int>? DesiredCount { get; init; }
    /// <summary>Default false: run in the default VPC's private subnets; true: public subnets with a public IP.</summary>
    public Input<bool>? AssignPublicIp { get; init; }
    public ServiceNetworkConfigurationArgs? NetworkConfiguration { get; init; }
    /// <summary>An existing task definition (ARN or family:revision). Exactly one of this and <see cref="TaskDefinitionArgs"/>.</summary>
    public Input<string>? TaskDefinition { get; init; }
    public FargateServiceTaskDefinitionArgs? TaskDefinitionArgs { get; init; }
    /// <summary>Do not wait for the service to reach a steady state.</summary>
    public bool? ContinueBeforeSteadyState { get; init; }
    public InputList<ServiceLoadBalancerArgs>? LoadBalancers { get; init; }
    public IReadOnlyList<ServiceCapacityProviderStrategyArgs>? CapacityProviderStrategies { get; init; }
    public bool? UseClusterDefaultCapacityProviderStrategy { get; init; }
    public Input<string>? PlatformVersion { get; init; }
    public Input<int>? HealthCheckGracePeriodSeconds { get; init; }
    public Input<int>? DeploymentMaximumPercent { get; init; }
    public Input<int>? DeploymentMinimumHealthyPercent { get; init; }
    public ServiceDeploymentCircuitBreakerArgs? DeploymentCircuitBreaker { get; init; }
    public Input<bool>? EnableExecuteCommand { get; init; }
    public Input<bool>? ForceNewDeployment { get; init; }
    public InputMap<string>? Triggers { get; init; }
    public InputMap<string>? Tags { get; init; }
}

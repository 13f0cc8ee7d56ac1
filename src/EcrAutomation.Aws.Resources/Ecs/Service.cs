using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>An ECS service (<c>aws:ecs/service:Service</c>).</summary>
[ResourceType(ServiceProvider.Type)]
public sealed class Service : CustomResource
{
    /// <summary>Declares the service; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="ServiceArgs.Name"/> is set) and by default waits until it is stable.</summary>
    public Service(string name, ServiceArgs args, CustomResourceOptions? options = null)
        : base(ServiceProvider.Type, name, args, options) { }

    /// <summary>The service's ARN (also the resource id).</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The service name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> ServiceName { get; private set; } = null!;
    /// <summary>The ARN of the cluster the service runs in.</summary>
    [Output("cluster")] public Output<string> Cluster { get; private set; } = null!;
    /// <summary>The task definition revision ARN the service runs.</summary>
    [Output("taskDefinition")] public Output<string> TaskDefinition { get; private set; } = null!;
    /// <summary>The number of tasks the service keeps running.</summary>
    [Output("desiredCount")] public Output<int> DesiredCount { get; private set; } = null!;
    /// <summary><c>FARGATE</c>, <c>EC2</c> or <c>EXTERNAL</c>.</summary>
    [Output("launchType")] public Output<string> LaunchType { get; private set; } = null!;
    /// <summary>The service's tags as ECS reports them.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Service"/> (pulumi-aws names).</summary>
public sealed class ServiceArgs : ResourceArgs
{
    /// <summary>The service name; unset means the resource name plus a random suffix. Changing it replaces the service.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>Cluster ARN or name; unset means ECS's <c>default</c> cluster.</summary>
    [Input("cluster")] public Input<string>? Cluster { get; set; }
    /// <summary>The task definition (revision ARN or <c>family:revision</c>) to run; a change rolls out a new deployment in place.</summary>
    [Input("taskDefinition")] public Input<string>? TaskDefinition { get; set; }
    /// <summary>How many tasks to keep running (default 1); updated in place.</summary>
    [Input("desiredCount")] public Input<int>? DesiredCount { get; set; }
    /// <summary><c>FARGATE</c>, <c>EC2</c> or <c>EXTERNAL</c>; changing it replaces the service.</summary>
    [Input("launchType")] public Input<string>? LaunchType { get; set; }
    /// <summary>The Fargate platform version (default <c>LATEST</c>).</summary>
    [Input("platformVersion")] public Input<string>? PlatformVersion { get; set; }
    /// <summary><c>REPLICA</c> (default) or <c>DAEMON</c>; changing it replaces the service.</summary>
    [Input("schedulingStrategy")] public Input<string>? SchedulingStrategy { get; set; }
    /// <summary>The awsvpc network settings: required for tasks with network mode <c>awsvpc</c> (Fargate).</summary>
    [Input("networkConfiguration")] public Input<ServiceNetworkConfigurationArgs>? NetworkConfiguration { get; set; }
    /// <summary>The load balancer target groups the service registers its tasks in.</summary>
    [Input("loadBalancers")] public InputList<ServiceLoadBalancerArgs>? LoadBalancers { get; set; }
    /// <summary>Upper limit, in percent of the desired count, of tasks running during a deployment (default 200).</summary>
    [Input("deploymentMaximumPercent")] public Input<int>? DeploymentMaximumPercent { get; set; }
    /// <summary>Lower limit, in percent of the desired count, of healthy tasks during a deployment (default 100).</summary>
    [Input("deploymentMinimumHealthyPercent")] public Input<int>? DeploymentMinimumHealthyPercent { get; set; }
    /// <summary>Stops (and optionally rolls back) a deployment whose tasks keep failing.</summary>
    [Input("deploymentCircuitBreaker")] public Input<ServiceDeploymentCircuitBreakerArgs>? DeploymentCircuitBreaker { get; set; }
    /// <summary>Seconds ECS ignores failing load balancer health checks of a new task.</summary>
    [Input("healthCheckGracePeriodSeconds")] public Input<int>? HealthCheckGracePeriodSeconds { get; set; }
    /// <summary>Allow <c>aws ecs execute-command</c> into the service's tasks.</summary>
    [Input("enableExecuteCommand")] public Input<bool>? EnableExecuteCommand { get; set; }
    /// <summary>Let ECS tag the service's tasks with the cluster and service names.</summary>
    [Input("enableEcsManagedTags")] public Input<bool>? EnableEcsManagedTags { get; set; }
    /// <summary>Copy tags to the tasks from <c>SERVICE</c> or <c>TASK_DEFINITION</c>; unset copies none.</summary>
    [Input("propagateTags")] public Input<string>? PropagateTags { get; set; }
    /// <summary>Wait for one deployment running the desired count after create and update (default true).</summary>
    [Input("waitForSteadyState")] public Input<bool>? WaitForSteadyState { get; set; }
    /// <summary>With <see cref="Triggers"/>: start a new deployment whenever a trigger value changes, even if nothing else did (for example to pick up a moved image tag).</summary>
    [Input("forceNewDeployment")] public Input<bool>? ForceNewDeployment { get; set; }
    /// <summary>With <see cref="ForceNewDeployment"/>: any change of these values forces a new deployment.</summary>
    [Input("triggers")] public InputMap<string>? Triggers { get; set; }
    /// <summary>Delete the service without scaling it to zero first.</summary>
    [Input("forceDelete")] public Input<bool>? ForceDelete { get; set; }
    /// <summary>Tags to apply to the service; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>The awsvpc network configuration of a <see cref="Service"/>.</summary>
public sealed class ServiceNetworkConfigurationArgs : ResourceArgs
{
    /// <summary>The subnets the tasks run in.</summary>
    [Input("subnets", required: true)] public InputList<string>? Subnets { get; set; }
    /// <summary>The security groups of the tasks; unset means the VPC's default group.</summary>
    [Input("securityGroups")] public InputList<string>? SecurityGroups { get; set; }
    /// <summary>Give each task a public IP (needed in public subnets without a NAT gateway to pull images). Default false.</summary>
    [Input("assignPublicIp")] public Input<bool>? AssignPublicIp { get; set; }
}

/// <summary>A load balancer target of a <see cref="Service"/>.</summary>
public sealed class ServiceLoadBalancerArgs : ResourceArgs
{
    /// <summary>The target group ARN (Application or Network Load Balancer) the tasks are registered in.</summary>
    [Input("targetGroupArn")] public Input<string>? TargetGroupArn { get; set; }
    /// <summary>The name of a Classic Load Balancer, instead of a target group.</summary>
    [Input("elbName")] public Input<string>? ElbName { get; set; }
    /// <summary>The container that receives the traffic (its name in the task definition).</summary>
    [Input("containerName", required: true)] public Input<string>? ContainerName { get; set; }
    /// <summary>The container port that receives the traffic.</summary>
    [Input("containerPort", required: true)] public Input<int>? ContainerPort { get; set; }
}

/// <summary>The deployment circuit breaker of a <see cref="Service"/>.</summary>
public sealed class ServiceDeploymentCircuitBreakerArgs : ResourceArgs
{
    /// <summary>Turn the circuit breaker on.</summary>
    [Input("enable", required: true)] public Input<bool>? Enable { get; set; }
    /// <summary>Roll back to the last completed deployment when the breaker trips.</summary>
    [Input("rollback", required: true)] public Input<bool>? Rollback { get; set; }
}

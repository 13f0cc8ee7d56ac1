using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>An ECS service (<c>aws:ecs/service:Service</c>).</summary>
public sealed class Service : CustomResource
{
    public Service(string name, ServiceArgs args, CustomResourceOptions? options = null)
        : base(ServiceProvider.Type, name, args, options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("name")] public Output<string> ServiceName { get; private set; } = null!;
    [Output("cluster")] public Output<string> Cluster { get; private set; } = null!;
    [Output("taskDefinition")] public Output<string> TaskDefinition { get; private set; } = null!;
    [Output("desiredCount")] public Output<int> DesiredCount { get; private set; } = null!;
    [Output("launchType")] public Output<string> LaunchType { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Service"/> (pulumi-aws names).</summary>
public sealed class ServiceArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>Cluster ARN or name; unset means ECS's <c>default</c> cluster.</summary>
    [Input("cluster")] public Input<string>? Cluster { get; set; }
    [Input("taskDefinition")] public Input<string>? TaskDefinition { get; set; }
    [Input("desiredCount")] public Input<int>? DesiredCount { get; set; }
    [Input("launchType")] public Input<string>? LaunchType { get; set; }
    [Input("platformVersion")] public Input<string>? PlatformVersion { get; set; }
    [Input("schedulingStrategy")] public Input<string>? SchedulingStrategy { get; set; }
    [Input("networkConfiguration")] public Input<ServiceNetworkConfigurationArgs>? NetworkConfiguration { get; set; }
    [Input("loadBalancers")] public InputList<ServiceLoadBalancerArgs>? LoadBalancers { get; set; }
    [Input("deploymentMaximumPercent")] public Input<int>? DeploymentMaximumPercent { get; set; }
    [Input("deploymentMinimumHealthyPercent")] public Input<int>? DeploymentMinimumHealthyPercent { get; set; }
    [Input("deploymentCircuitBreaker")] public Input<ServiceDeploymentCircuitBreakerArgs>? DeploymentCircuitBreaker { get; set; }
    [Input("healthCheckGracePeriodSeconds")] public Input<int>? HealthCheckGracePeriodSeconds { get; set; }
    [Input("enableExecuteCommand")] public Input<bool>? EnableExecuteCommand { get; set; }
    [Input("enableEcsManagedTags")] public Input<bool>? EnableEcsManagedTags { get; set; }
    [Input("propagateTags")] public Input<string>? PropagateTags { get; set; }
    /// <summary>Wait for one deployment running the desired count after create and update (default true).</summary>
    [Input("waitForSteadyState")] public Input<bool>? WaitForSteadyState { get; set; }
    [Input("forceNewDeployment")] public Input<bool>? ForceNewDeployment { get; set; }
    /// <summary>With <see cref="ForceNewDeployment"/>: any change of these values forces a new deployment.</summary>
    [Input("triggers")] public InputMap<string>? Triggers { get; set; }
    [Input("forceDelete")] public Input<bool>? ForceDelete { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>The awsvpc network configuration of a <see cref="Service"/>.</summary>
public sealed class ServiceNetworkConfigurationArgs : ResourceArgs
{
    [Input("subnets", required: true)] public InputList<string>? Subnets { get; set; }
    [Input("securityGroups")] public InputList<string>? SecurityGroups { get; set; }
    [Input("assignPublicIp")] public Input<bool>? AssignPublicIp { get; set; }
}

/// <summary>A load balancer target of a <see cref="Service"/>.</summary>
public sealed class ServiceLoadBalancerArgs : ResourceArgs
{
    [Input("targetGroupArn")] public Input<string>? TargetGroupArn { get; set; }
    [Input("elbName")] public Input<string>? ElbName { get; set; }
    [Input("containerName", required: true)] public Input<string>? ContainerName { get; set; }
    [Input("containerPort", required: true)] public Input<int>? ContainerPort { get; set; }
}

/// <summary>The deployment circuit breaker of a <see cref="Service"/>.</summary>
public sealed class ServiceDeploymentCircuitBreakerArgs : ResourceArgs
{
    [Input("enable", required: true)] public Input<bool>? Enable { get; set; }
    [Input("rollback", required: true)] public Input<bool>? Rollback { get; set; }
}

using System.Collections.Immutable;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Awsx.Lb;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Aws.Resources.CloudWatch;
using AwsLb = EcrAutomation.Aws.Resources.Lb;

namespace EcrAutomation.Awsx.Ecs;

/// <summary>
/// <c>awsx:ecs:FargateService</c>: an ECS service on Fargate (desiredCount 1, waits for a steady state unless
/// <c>ContinueBeforeSteadyState</c>), with a <see cref="FargateTaskDefinition"/> named like the component when
/// <c>TaskDefinitionArgs</c> is given, and — without <c>NetworkConfiguration</c> — the default VPC's private subnets (public
/// ones with <c>AssignPublicIp</c>) and a security group <c>&lt;name&gt;-sg</c> (all traffic in, TCP out). Warns at preview
/// and up when a container maps a port its image does not expose (see <see cref="ExposedPortCheck"/>).
/// </summary>
[ResourceType(TypeToken)]
public sealed class FargateService : ComponentResource
{
    /// <summary>The component's type token, as awsx names it.</summary>
    public const string TypeToken = "awsx:ecs:FargateService";

    /// <summary>The error for a default VPC without private subnets, with the ways out.</summary>
    internal const string NoPrivateSubnetsMessage =
        "The default VPC does not have any private subnets. Set `assignPublicIp` to `true`, provide `networkConfiguration`, or add private subnets to the default VPC. " +
        "(The default VPC AWS creates has only public subnets: with assignPublicIp true the tasks get public IPs and can pull from ECR without a NAT gateway; " +
        "for private tasks create subnets with map-public-ip-on-launch off plus a NAT gateway or VPC endpoints for ECR, S3 and CloudWatch Logs, then pass them in networkConfiguration.)";

    /// <summary>Declares the service and, unless <see cref="FargateServiceArgs.TaskDefinition"/> names an existing one, its task definition, roles, log group and security group as children; argument errors throw <see cref="AwsxArgumentException"/>.</summary>
    public FargateService(string name, FargateServiceArgs args, ComponentResourceOptions? options = null)
        : base(TypeToken, name, options)
    {
        Validate(args);
        var child = new CustomResourceOptions { Parent = this };

        Input<string> taskDefinitionArn;
        InputList<ServiceLoadBalancerArgs>? loadBalancers = args.LoadBalancers;
        if (args.TaskDefinitionArgs is { } tdArgs)
        {
            TaskDefinition = new FargateTaskDefinition(name, tdArgs, new ComponentResourceOptions { Parent = this });
            taskDefinitionArn = TaskDefinition.TaskDefinition.Arn;
            loadBalancers ??= TaskDefinition.LoadBalancers;
        }
        else taskDefinitionArn = args.TaskDefinition!;

        Input<ServiceNetworkConfigurationArgs> network;
        if (args.NetworkConfiguration is { } given) network = given;
        else
        {
            var assignPublicIp = args.AssignPublicIp?.AsOutput() ?? Output.Create(false);
            var vpc = DefaultVpc.Get();
            var subnets = OutputHelpers.Both(vpc, assignPublicIp).Apply(t =>
            {
                var ids = t.Item2 ? t.Item1.PublicSubnetIds : t.Item1.PrivateSubnetIds;
                if (ids.Count == 0)
                    throw new AwsxArgumentException(t.Item2 ? "The default VPC does not have any public subnets. Provide `networkConfiguration`." : NoPrivateSubnetsMessage);
                return ImmutableArray.CreateRange(ids);
            });
            var sgArgs = ApplicationLoadBalancer.OpenSecurityGroup();
            sgArgs.VpcId = vpc.Apply(v => v.VpcId);
            SecurityGroup = new SecurityGroup($"{name}-sg", sgArgs, child);
            network = new ServiceNetworkConfigurationArgs
            {
                Subnets = subnets,
                SecurityGroups = new InputList<string> { SecurityGroup.Id },
                AssignPublicIp = assignPublicIp,
            };
        }

        Service = new AwsEcs.Service(name, new ServiceArgs
        {
            Name = args.Name,
            Cluster = args.Cluster,
            TaskDefinition = taskDefinitionArn,
            DesiredCount = args.DesiredCount ?? 1,
            LaunchType = "FARGATE",
            PlatformVersion = args.PlatformVersion,
            NetworkConfiguration = network,
            LoadBalancers = loadBalancers,
            DeploymentMaximumPercent = args.DeploymentMaximumPercent,
            DeploymentMinimumHealthyPercent = args.DeploymentMinimumHealthyPercent,
            DeploymentCircuitBreaker = args.DeploymentCircuitBreaker is { } breaker ? (Input<ServiceDeploymentCircuitBreakerArgs>)breaker : null,
            HealthCheckGracePeriodSeconds = args.HealthCheckGracePeriodSeconds,
            EnableExecuteCommand = args.EnableExecuteCommand,
            ForceNewDeployment = args.ForceNewDeployment,
            Triggers = args.Triggers,
            WaitForSteadyState = args.ContinueBeforeSteadyState != true,
            Tags = args.Tags,
        }, child);

        var exposedPortsChecked = TaskDefinition is null ? Output.Create(ImmutableArray<bool>.Empty) : ExposedPortCheck.Run(this, TaskDefinition.MappedPorts);
        RegisterOutputs(new Dictionary<string, object?>
        {
            // Registered once the exposed-port check has run, so the deployment waits for its warning.
            ["service"] = OutputHelpers.Both(Service.Arn, exposedPortsChecked).Apply(t => t.Item1),
            ["taskDefinition"] = TaskDefinition?.TaskDefinition.Arn,
        });
    }

    /// <summary>The ECS service.</summary>
    public AwsEcs.Service Service { get; }

    /// <summary>The task definition component, when created from <see cref="FargateServiceArgs.TaskDefinitionArgs"/>.</summary>
    public FargateTaskDefinition? TaskDefinition { get; }

    /// <summary>The service's security group, when the default network configuration is used.</summary>
    public SecurityGroup? SecurityGroup { get; }

    /// <summary>awsx's argument checks.</summary>
    internal static void Validate(FargateServiceArgs args)
    {
        if (args.TaskDefinition is not null && args.TaskDefinitionArgs is not null)
            throw new AwsxArgumentException("Only one of `taskDefinition` or `taskDefinitionArgs` can be provided.");
        if (args.TaskDefinition is null && args.TaskDefinitionArgs is null)
            throw new AwsxArgumentException("Either `taskDefinition` or `taskDefinitionArgs` must be provided.");
        if (args.NetworkConfiguration is not null && args.AssignPublicIp is not null)
            throw new AwsxArgumentException("Only one of `networkConfiguration` or `assignPublicIp` can be provided.");
        if (args.CapacityProviderStrategies is not null && args.UseClusterDefaultCapacityProviderStrategy is not null)
            throw new AwsxArgumentException("Only one of `capacityProviderStrategies` or `useClusterDefaultCapacityProviderStrategy` can be provided.");
        if (args.CapacityProviderStrategies is not null || args.UseClusterDefaultCapacityProviderStrategy == true)
            throw new AwsxArgumentException("Capacity provider strategies are not supported yet: the service runs with launchType FARGATE. Remove `capacityProviderStrategies`/`useClusterDefaultCapacityProviderStrategy`.");
        if (args.TaskDefinitionArgs is { } td) FargateTaskDefinition.Validate(td);
    }
}

/// <summary>Inputs of <see cref="FargateService"/>.</summary>
public sealed class FargateServiceArgs
{
    /// <summary>The service name; unset means the component name plus a random suffix.</summary>
    public Input<string>? Name { get; init; }
    /// <summary>Cluster ARN; unset means ECS's <c>default</c> cluster.</summary>
    public Input<string>? Cluster { get; init; }
    /// <summary>Default 1.</summary>
    public Input<int>? DesiredCount { get; init; }
    /// <summary>Default false: run in the default VPC's private subnets; true: public subnets with a public IP.</summary>
    public Input<bool>? AssignPublicIp { get; init; }
    /// <summary>The awsvpc network settings; at most one of this and <see cref="AssignPublicIp"/>. Unset means the default VPC's subnets and a security group created for the service.</summary>
    public ServiceNetworkConfigurationArgs? NetworkConfiguration { get; init; }
    /// <summary>An existing task definition (ARN or family:revision). Exactly one of this and <see cref="TaskDefinitionArgs"/>.</summary>
    public Input<string>? TaskDefinition { get; init; }
    /// <summary>The task definition to create for the service. Exactly one of this and <see cref="TaskDefinition"/>.</summary>
    public FargateServiceTaskDefinitionArgs? TaskDefinitionArgs { get; init; }
    /// <summary>Do not wait for the service to reach a steady state.</summary>
    public bool? ContinueBeforeSteadyState { get; init; }
    /// <summary>Extra load balancer targets, besides the ones the port mappings' target groups add.</summary>
    public InputList<ServiceLoadBalancerArgs>? LoadBalancers { get; init; }
    /// <summary>Capacity provider strategy items; rejected until capacity providers are supported (the service runs with launch type FARGATE).</summary>
    public IReadOnlyList<ServiceCapacityProviderStrategyArgs>? CapacityProviderStrategies { get; init; }
    /// <summary>Use the cluster's default capacity provider strategy; rejected like <see cref="CapacityProviderStrategies"/>.</summary>
    public bool? UseClusterDefaultCapacityProviderStrategy { get; init; }
    /// <summary>The Fargate platform version (default <c>LATEST</c>).</summary>
    public Input<string>? PlatformVersion { get; init; }
    /// <summary>Seconds ECS ignores failing load balancer health checks of a new task.</summary>
    public Input<int>? HealthCheckGracePeriodSeconds { get; init; }
    /// <summary>Upper limit, in percent of the desired count, of tasks running during a deployment (default 200).</summary>
    public Input<int>? DeploymentMaximumPercent { get; init; }
    /// <summary>Lower limit, in percent of the desired count, of healthy tasks during a deployment (default 100).</summary>
    public Input<int>? DeploymentMinimumHealthyPercent { get; init; }
    /// <summary>Stops (and optionally rolls back) a deployment whose tasks keep failing.</summary>
    public ServiceDeploymentCircuitBreakerArgs? DeploymentCircuitBreaker { get; init; }
    /// <summary>Allow <c>aws ecs execute-command</c> into the service's tasks.</summary>
    public Input<bool>? EnableExecuteCommand { get; init; }
    /// <summary>With <see cref="Triggers"/>: start a new deployment whenever a trigger value changes.</summary>
    public Input<bool>? ForceNewDeployment { get; init; }
    /// <summary>Values whose change starts a new deployment, with <see cref="ForceNewDeployment"/>.</summary>
    public InputMap<string>? Triggers { get; init; }
    /// <summary>Tags to apply to the service.</summary>
    public InputMap<string>? Tags { get; init; }
}

/// <summary>The task definition arguments of a <see cref="FargateService"/>.</summary>
public sealed class FargateServiceTaskDefinitionArgs : FargateTaskDefinitionArgs;

/// <summary>A capacity provider strategy item (accepted for awsx's validation; not deployed by this provider).</summary>
public sealed class ServiceCapacityProviderStrategyArgs
{
    /// <summary>The capacity provider, e.g. <c>FARGATE_SPOT</c>.</summary>
    public required Input<string> CapacityProvider { get; init; }
    /// <summary>The share of tasks this provider gets relative to the others.</summary>
    public Input<int>? Weight { get; init; }
    /// <summary>The number of tasks this provider runs before weights apply.</summary>
    public Input<int>? Base { get; init; }
}

using EcrAutomation.Automation;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>The seed's ECS program with a plain image reference instead of a built image, and its Fargate service for other test programs.</summary>
internal static class EcsPrograms
{
    public const string ImageV1 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string ImageV2 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:2222222222222222222222222222222222222222222222222222222222222222";

    /// <summary>16 resources: stack, cluster, ALB (component, SG, LB, TG, listener), service (component, task definition component, log group, 2 roles, attachment, task definition, SG, service).</summary>
    public const int ResourceCount = 16;

    /// <summary>The seed's Fargate service "service": one essential container running <paramref name="image"/> behind <paramref name="lb"/>'s default target group (on <paramref name="containerPort"/>, or the target group's port when null).</summary>
    public static FargateService SeedService(AwsEcs.Cluster cluster, ApplicationLoadBalancer lb, Input<string> image, int cpu = 512, int memory = 128, int? containerPort = null) =>
        new("service", new FargateServiceArgs
        {
            Cluster = cluster.Arn,
            AssignPublicIp = true,
            TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs
            {
                Container = new TaskDefinitionContainerDefinitionArgs
                {
                    Image = image,
                    Cpu = cpu,
                    Memory = memory,
                    Essential = true,
                    PortMappings = [new TaskDefinitionPortMappingArgs { ContainerPort = containerPort is { } port ? port : null, TargetGroup = lb.DefaultTargetGroup }],
                },
            },
        });

    public static PulumiFn Service(string image = ImageV1, int cpu = 512, int memory = 128, ApplicationLoadBalancerArgs? lbArgs = null) => PulumiFn.Create(() =>
    {
        var cluster = new AwsEcs.Cluster("cluster");
        var lb = new ApplicationLoadBalancer("lb", lbArgs);
        var service = SeedService(cluster, lb, image, cpu, memory);
        return new Dictionary<string, object?>
        {
            ["url"] = lb.LoadBalancer.Apply(l => l.DnsName),
            ["cluster"] = cluster.Arn,
            ["service"] = service.Service.ServiceName,
            ["taskDefinition"] = service.TaskDefinition!.TaskDefinition.Arn,
            ["loadBalancer"] = lb.AwsLoadBalancer.Arn,
            ["targetGroup"] = lb.AwsDefaultTargetGroup.Arn,
            ["listener"] = lb.Listeners[0].Arn,
            ["taskRole"] = service.TaskDefinition!.TaskRole!.RoleName,
            ["executionRole"] = service.TaskDefinition!.ExecutionRole!.RoleName,
            ["logGroup"] = service.TaskDefinition!.LogGroup!.LogGroupName,
            ["serviceSecurityGroup"] = service.SecurityGroup!.Id,
            ["lbSecurityGroup"] = lb.DefaultSecurityGroup!.Id,
        };
    });
}

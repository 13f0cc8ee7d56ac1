using EcrAutomation.Automation;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>The seed's ECS program with a plain image reference instead of a built image.</summary>
internal static class EcsPrograms
{
    public const string ImageV1 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string ImageV2 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:2222222222222222222222222222222222222222222222222222222222222222";

    /// <summary>16 resources: stack, cluster, ALB (component, SG, LB, TG, listener), service (component, task definition component, log group, 2 roles, attachment, task definition, SG, service).</summary>
    public const int ResourceCount = 16;

    public static PulumiFn Service(string image = ImageV1, int cpu = 512, int memory = 128, ApplicationLoadBalancerArgs? lbArgs = null) => PulumiFn.Create(() =>
    {
        var cluster = new AwsEcs.Cluster("cluster");
        var lb = new ApplicationLoadBalancer("lb", lbArgs);
        var service = new FargateService("service", new FargateServiceArgs
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
                    PortMappings = [new TaskDefinitionPortMappingArgs { TargetGroup = lb.DefaultTargetGroup }],
                },
            },
        });
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

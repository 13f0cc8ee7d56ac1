using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>A Fargate service whose tasks really run in the local cloud: the await reports why a deployment never becomes steady.</summary>
public sealed class FargateServiceContainerTests(EcsContainersFixture cloud) : IClassFixture<EcsContainersFixture>
{
    [Fact(Timeout = 300_000)]
    public async Task Up_ContainerListensOnAnotherPortThanTheTargetGroup_FailsNamingTheFailedHealthChecksAndTheirReason_DestroyStopsTheTasks()
    {
        var image = await cloud.PushHttpdAsync("wrong-port", "v1", "listening on 8080\n", port: 8080);
        var stack = await cloud.StackAsync("wrong-port", PulumiFn.Create(() =>
        {
            var cluster = new AwsEcs.Cluster("cluster");
            // The target group (and so the container port mapping) says 80; the app listens on 8080, as the ECS program once did.
            var lb = new ApplicationLoadBalancer("lb", new ApplicationLoadBalancerArgs
            {
                DefaultTargetGroup = new TargetGroupArgs
                {
                    Port = 80,
                    DeregistrationDelay = 0,
                    HealthCheck = new TargetGroupHealthCheckArgs { Path = "/", Interval = 5, Timeout = 2, HealthyThreshold = 2, UnhealthyThreshold = 2 },
                },
            });
            var service = new FargateService("service", new FargateServiceArgs
            {
                Cluster = cluster.Arn,
                AssignPublicIp = true,
                TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs
                {
                    Container = new TaskDefinitionContainerDefinitionArgs
                    {
                        Image = image,
                        Memory = 128,
                        Essential = true,
                        PortMappings = [new TaskDefinitionPortMappingArgs { TargetGroup = lb.DefaultTargetGroup }],
                    },
                },
            }, new ComponentResourceOptions { CustomTimeouts = new CustomTimeouts { Create = TimeSpan.FromSeconds(75) } });
            return new Dictionary<string, object?> { ["cluster"] = cluster.Arn, ["service"] = service.Service.ServiceName };
        }));

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());

        error.Message.ShouldContain("did not reach a steady state");
        error.Message.ShouldContain("failed ELB health checks in (target-group arn:aws:elasticloadbalancing:");
        error.Message.ShouldContain("Target.FailedHealthChecks");
        var clusters = new List<string>();
        await foreach (var arn in cloud.Aws.Ecs.ListAllClustersAsync()) clusters.Add(arn);
        var cluster = clusters.Single(c => c.Contains(":cluster/cluster-", StringComparison.Ordinal));
        var stopped = await cloud.Aws.Ecs.ListTasksAsync(new EcrAutomation.Aws.Ecs.ListTasksRequest { Cluster = cluster, DesiredStatus = "STOPPED" });
        var described = await cloud.Aws.Ecs.DescribeTasksAsync(new EcrAutomation.Aws.Ecs.DescribeTasksRequest { Cluster = cluster, Tasks = stopped.TaskArns });
        described.Tasks.ShouldContain(t => t.StoppedReason!.StartsWith("Task failed ELB health checks in (target-group ", StringComparison.Ordinal));

        await stack.DestroyAsync();
        (await cloud.Aws.Ecs.ListTasksAsync(new EcrAutomation.Aws.Ecs.ListTasksRequest { Cluster = cluster })).TaskArns.ShouldBeEmpty("destroy stops every task");
    }
}

using EcrAutomation.Automation;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using EcrAutomation.Testing.Infrastructure;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>
/// The fault campaign: ten up/destroy cycles of the seed's ECS program (repository with lifecycle policy, cluster, load
/// balancer, Fargate service: 19 resources over ECR, ECS, Logs, IAM, ELBv2 and EC2) through a proxy that fails 20% of the
/// AWS calls — server errors, throttling in each protocol's own format, and lost responses (the call takes effect, the
/// client sees a 500). Every operation must succeed, and after each the cloud must hold exactly what the state lists.
/// </summary>
public sealed class EcsFaultCampaignTests(ProxiedCloudFixture cloud) : IClassFixture<ProxiedCloudFixture>
{
    private const int Cycles = 10;

    private static readonly PulumiFn Program = PulumiFn.Create(() =>
    {
        var repository = new Awsx.Ecr.Repository("repo", new Awsx.Ecr.RepositoryArgs { ForceDelete = true });
        var cluster = new AwsEcs.Cluster("cluster");
        var lb = new ApplicationLoadBalancer("lb");
        _ = new FargateService("service", new FargateServiceArgs
        {
            Cluster = cluster.Arn,
            AssignPublicIp = true,
            TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs
            {
                Container = new TaskDefinitionContainerDefinitionArgs
                {
                    Image = EcsPrograms.ImageV1,
                    Cpu = 512,
                    Memory = 128,
                    Essential = true,
                    PortMappings = [new TaskDefinitionPortMappingArgs { TargetGroup = lb.DefaultTargetGroup }],
                },
            },
        });
        return new Dictionary<string, object?> { ["url"] = lb.LoadBalancer.Apply(l => l.DnsName), ["repository"] = repository.Url };
    });

    [Fact(Timeout = 900_000)]
    public async Task TenUpDestroyCycles_TwentyPercentFaultsIncludingLostResponses_AllSucceed_NoOrphansNoDuplicates()
    {
        var stack = await cloud.StackAsync("faults", Program, cloud.ProxiedConfig);
        cloud.Proxy.FaultRate = 0.2;

        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            var up = await stack.UpAsync();
            up.Summary.Result.ShouldBe(UpdateState.Succeeded, $"cycle {cycle}");
            var listed = CloudInventory.FromExport((await stack.ExportStackAsync()).Json);
            listed.Count.ShouldBe(14, $"cycle {cycle}: the state lists every cloud resource of the program");
            (await CloudInventory.ReadAsync(cloud.Aws)).ShouldBe(listed, $"cycle {cycle}: the cloud holds exactly what the state lists (no orphan, no duplicate)");

            await stack.DestroyAsync();
            (await CloudInventory.ReadAsync(cloud.Aws)).ShouldBeEmpty($"cycle {cycle}: destroy leaves nothing");
        }

        var injected = cloud.Proxy.Injected;
        foreach (var fault in Enum.GetValues<InjectedFault>()) injected.GetValueOrDefault(fault).ShouldBeGreaterThan(10, $"{fault} faults were injected");
        (cloud.Proxy.InjectedInto("CreateRole", InjectedFault.LostResponse) + cloud.Proxy.InjectedInto("CreateSecurityGroup", InjectedFault.LostResponse)
            + cloud.Proxy.InjectedInto("RegisterTaskDefinition", InjectedFault.LostResponse) + cloud.Proxy.InjectedInto("CreateLoadBalancer", InjectedFault.LostResponse))
            .ShouldBeGreaterThan(0, "some creates lost their responses");
    }
}

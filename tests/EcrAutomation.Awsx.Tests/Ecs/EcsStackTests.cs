using EcrAutomation.Automation;
using EcrAutomation.Awsx.Lb;
using EcrAutomation.Aws.Resources.Tests;
using EcrAutomation.Aws.Resources.Tests.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>The seed program written as a stack class (the shape of the host's EcsStack), with a plain image reference.</summary>
public sealed class SeedEcsStack : Stack
{
    public SeedEcsStack()
    {
        var cluster = new Aws.Resources.Ecs.Cluster("cluster");
        var lb = new ApplicationLoadBalancer("lb");
        EcsPrograms.SeedService(cluster, lb, EcsPrograms.ImageV1);
        Url = lb.LoadBalancer.Apply(loadBalancer => loadBalancer.DnsName);
    }

    [Output("url")] public Output<string> Url { get; private set; }
}

[Collection(EcsCollection.Name)]
public sealed class EcsStackTests(EcsCloudFixture cloud)
{
    [Fact(Timeout = 120_000)]
    public async Task Up_StackClassProgram_ExportsUrl_AndDestroys()
    {
        var stack = await cloud.StackAsync("stack-class", PulumiFn.Create<SeedEcsStack>());
        var up = await stack.UpAsync();
        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(EcsPrograms.ResourceCount);
        ((string)up.Outputs["url"].Value!).ShouldEndWith(".elb.amazonaws.com");
        (await stack.UpAsync()).Summary.ResourceChanges![OperationType.Same].ShouldBe(EcsPrograms.ResourceCount);
        await stack.DestroyAsync();
    }
}

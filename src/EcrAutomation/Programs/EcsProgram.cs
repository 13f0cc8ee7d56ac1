using EcrAutomation.Awsx.Ecr;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Host.Programs;

/// <summary>
/// The seed's "Consuming a Private Repository from ECS" program in C#: a repository, an image built from <c>./app</c>, a
/// cluster, an application load balancer and a Fargate service behind it; exports <c>url</c>, the load balancer's DNS name.
/// </summary>
internal static class EcsProgram
{
    public static IDictionary<string, object?> Run() => new Dictionary<string, object?> { ["url"] = CreateResources() };

    /// <summary>Creates the seed's resources; returns the load balancer's DNS name.</summary>
    public static Output<string> CreateResources()
    {
        var repository = ImageProgram.DemoRepository();
        var image = ImageProgram.AppImage(repository);
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
                    Image = image.ImageUri,
                    Cpu = 512,
                    Memory = 128,
                    Essential = true,
                    PortMappings = [new TaskDefinitionPortMappingArgs { TargetGroup = lb.DefaultTargetGroup }],
                },
            },
        });
        return lb.LoadBalancer.Apply(loadBalancer => loadBalancer.DnsName);
    }
}

/// <summary>The same program as a stack class, for users who prefer that shape (<c>[Output]</c> properties are the outputs).</summary>
internal sealed class EcsStack : Stack
{
    public EcsStack() => Url = EcsProgram.CreateResources();

    /// <summary>The load balancer's DNS name.</summary>
    [Output("url")] public Output<string> Url { get; private set; }
}

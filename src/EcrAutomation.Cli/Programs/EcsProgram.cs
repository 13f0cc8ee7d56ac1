using System.Globalization;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Awsx.Ecr;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Cli.Programs;

/// <summary>
/// The seed's "Consuming a Private Repository from ECS" program in C#: a repository, an image built from <c>./app</c>, a
/// cluster, an application load balancer (listener on 80) and a Fargate service of two tasks behind it running the app on 8080; exports
/// <c>url</c>, the load balancer's DNS name.
/// </summary>
internal static class EcsProgram
{
    /// <summary>The port the demo app listens on (app/Dockerfile: <c>EXPOSE 8080</c>, <c>httpd -p 8080</c>).</summary>
    public const int AppPort = 8080;

    /// <summary>How many tasks of the app run behind the load balancer.</summary>
    public const int DesiredCount = 2;

    public static IDictionary<string, object?> Run() => new Dictionary<string, object?> { ["url"] = CreateResources() };

    /// <summary>Creates the seed's resources; returns the load balancer's DNS name.</summary>
    public static Output<string> CreateResources()
    {
        var repository = ImageProgram.DemoRepository();
        var image = ImageProgram.AppImage(repository);
        return CreateService(image.ImageUri);
    }

    /// <summary>The cluster, the load balancer and the Fargate service running the demo app's <paramref name="image"/> on <see cref="AppPort"/>; returns the load balancer's DNS name.</summary>
    public static Output<string> CreateService(Input<string> image)
    {
        var cluster = new AwsEcs.Cluster("cluster");
        // The listener stays on awsx's port 80; the target group and its health check reach the app on its own port.
        var lb = new ApplicationLoadBalancer("lb", new ApplicationLoadBalancerArgs
        {
            DefaultTargetGroup = new TargetGroupArgs
            {
                Port = AppPort,
                // Checked every 5 s, healthy after 2 passes, drained for 5 s: a roll or a destroy takes seconds, not AWS's
                // default 2.5 minutes to healthy and 5 minutes of draining, and a static page has no long requests to drain.
                HealthCheck = new TargetGroupHealthCheckArgs
                {
                    Port = AppPort.ToString(CultureInfo.InvariantCulture),
                    Path = "/",
                    Interval = 5,
                    Timeout = 2,
                    HealthyThreshold = 2,
                    UnhealthyThreshold = 2,
                },
                DeregistrationDelay = 5,
            },
        });
        _ = new FargateService("service", new FargateServiceArgs
        {
            Cluster = cluster.Arn,
            AssignPublicIp = true,
            // Two tasks behind the load balancer, so a roll replaces them one side at a time with no failed request.
            DesiredCount = DesiredCount,
            TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs
            {
                Container = new TaskDefinitionContainerDefinitionArgs
                {
                    Image = image,
                    Cpu = 512,
                    Memory = 128,
                    Essential = true,
                    PortMappings = [new TaskDefinitionPortMappingArgs { ContainerPort = AppPort, TargetGroup = lb.DefaultTargetGroup }],
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

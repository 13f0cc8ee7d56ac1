using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Http;
using EcrAutomation.Aws.Tests.Infrastructure;

namespace EcrAutomation.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class EcsMotoTests(MotoFixture moto)
{
    private EcsClient Ecs => moto.Connection.Ecs;

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Cluster_CreateDescribeDelete_RoundTripsAndReportsMissing()
    {
        var name = NewName("cluster");

        var created = (await Ecs.CreateClusterAsync(new CreateClusterRequest
        {
            ClusterName = name,
            Tags = [new EcsTag("team", "platform")],
            Settings = [new ClusterSetting("containerInsights", "enabled")],
        })).Cluster!;
        created.ClusterName.ShouldBe(name);
        created.Status.ShouldBe("ACTIVE");
        created.ClusterArn.ShouldBe($"arn:aws:ecs:us-east-1:123456789012:cluster/{name}");

        var described = await Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [name, "missing-" + name], Include = ["TAGS", "SETTINGS"] });
        var cluster = described.Clusters.ShouldHaveSingleItem();
        cluster.ClusterArn.ShouldBe(created.ClusterArn);
        cluster.Tags!.ShouldContain(new EcsTag("team", "platform"));
        described.Failures.ShouldHaveSingleItem().Reason.ShouldBe("MISSING");

        (await Ecs.DeleteClusterAsync(new DeleteClusterRequest { Cluster = name })).Cluster!.Status.ShouldBe("INACTIVE");
        var missing = await Should.ThrowAsync<AwsResourceNotFoundException>(() => Ecs.DeleteClusterAsync(new DeleteClusterRequest { Cluster = NewName("never") }));
        missing.ErrorCode.ShouldBe(EcsErrorCodes.ClusterNotFound);
    }

    [Fact]
    public async Task TaskDefinition_RegisterDescribeDeregister_RoundTrips()
    {
        var family = NewName("family");
        var request = TaskDefinitionRequest(family);

        var first = (await Ecs.RegisterTaskDefinitionAsync(request)).TaskDefinition!;
        var second = (await Ecs.RegisterTaskDefinitionAsync(request with { Cpu = "512", Memory = "1024" })).TaskDefinition!;
        first.Revision.ShouldBe(1);
        second.Revision.ShouldBe(2);
        first.TaskDefinitionArn.ShouldBe($"arn:aws:ecs:us-east-1:123456789012:task-definition/{family}:1");
        first.NetworkMode.ShouldBe("awsvpc");
        first.Status.ShouldBe("ACTIVE");
        var container = first.ContainerDefinitions.ShouldNotBeNull().ShouldHaveSingleItem();
        container.Image.ShouldBe("nginx:latest");
        container.PortMappings.ShouldNotBeNull().ShouldHaveSingleItem().ContainerPort.ShouldBe(80);
        container.LogConfiguration!.Options!["awslogs-group"].ShouldBe("/ecs/app");

        var latest = (await Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = family })).TaskDefinition!;
        latest.Revision.ShouldBe(2);
        latest.Cpu.ShouldBe("512");
        (await Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = family + ":1" })).TaskDefinition!.Cpu.ShouldBe("256");

        var active = await Ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = "ACTIVE" }).ToListAsync();
        active.ShouldBe([first.TaskDefinitionArn!, second.TaskDefinitionArn!], ignoreOrder: true);

        var deregistered = (await Ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest { TaskDefinition = family + ":1" })).TaskDefinition!;
        deregistered.Status.ShouldBe("INACTIVE");
        (await Ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = "ACTIVE" }).ToListAsync())
            .ShouldBe([second.TaskDefinitionArn!]);

        var missing = await Should.ThrowAsync<AwsServiceException>(() =>
            Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = NewName("nofamily") }));
        missing.ErrorCode.ShouldBe(EcsErrorCodes.Client);
    }

    [Fact]
    public async Task Service_CreateDescribeUpdateWaitDelete_RoundTripsAndReportsErrors()
    {
        var cluster = NewName("svc-cluster");
        await Ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = cluster });
        var taskDefinition = (await Ecs.RegisterTaskDefinitionAsync(TaskDefinitionRequest(NewName("svc-family")))).TaskDefinition!;
        var serviceName = NewName("svc");
        var vpc = (await moto.Connection.Ec2.GetDefaultVpcAsync()).ShouldNotBeNull();
        var subnet = (await moto.Connection.Ec2.DescribeSubnetsAsync(vpc.VpcId))[0].SubnetId;
        var securityGroup = await moto.Connection.Ec2.CreateSecurityGroupAsync(NewName("svc-sg"), "service", vpc.VpcId);

        var created = (await Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = cluster,
            ServiceName = serviceName,
            TaskDefinition = taskDefinition.TaskDefinitionArn,
            DesiredCount = 1,
            LaunchType = "FARGATE",
            NetworkConfiguration = new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = [subnet], SecurityGroups = [securityGroup], AssignPublicIp = "ENABLED" },
            },
            DeploymentConfiguration = new DeploymentConfiguration
            {
                MaximumPercent = 200,
                MinimumHealthyPercent = 100,
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker(true, true),
            },
            Tags = [new EcsTag("app", "web")],
        })).Service!;
        created.ServiceName.ShouldBe(serviceName);
        created.Status.ShouldBe("ACTIVE");
        created.DesiredCount.ShouldBe(1);
        created.ServiceArn.ShouldBe($"arn:aws:ecs:us-east-1:123456789012:service/{cluster}/{serviceName}");

        var described = await Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [serviceName, "ghost"] });
        described.Services.ShouldHaveSingleItem().TaskDefinition.ShouldBe(taskDefinition.TaskDefinitionArn);
        described.Failures.ShouldHaveSingleItem().Reason.ShouldBe("MISSING");

        var updated = (await Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = cluster, Service = serviceName, DesiredCount = 2, ForceNewDeployment = true })).Service!;
        updated.DesiredCount.ShouldBe(2);

        // moto reports runningCount == desiredCount at once, so the waiter returns on the first poll.
        var stable = await Ecs.WaitForServiceStableAsync(cluster, serviceName, new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(10) });
        stable.RunningCount.ShouldBe(2);

        (await Should.ThrowAsync<AwsResourceNotFoundException>(() =>
            Ecs.UpdateServiceAsync(new UpdateServiceRequest { Cluster = cluster, Service = "ghost", DesiredCount = 1 })))
            .ErrorCode.ShouldBe(EcsErrorCodes.ServiceNotFound);

        // moto deletes a cluster that still has services; AWS answers ClusterContainsServicesException, asserted in
        // AwsBehaviourStubTests.DeleteCluster_WithServices_IsClusterContainsServicesConflict.

        var deleted = (await Ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = cluster, Service = serviceName, Force = true })).Service!;
        deleted.Status.ShouldNotBe("ACTIVE");

        await Should.ThrowAsync<AwsWaiterFailedException>(() =>
            Ecs.WaitForServiceStableAsync(cluster, serviceName, new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(5) }));
        await Ecs.DeleteClusterAsync(new DeleteClusterRequest { Cluster = cluster });
    }

    [Fact]
    public async Task Service_BehindTargetGroup_RoundTripsLoadBalancerSettings()
    {
        var cluster = NewName("lb-cluster");
        await Ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = cluster });
        var taskDefinition = (await Ecs.RegisterTaskDefinitionAsync(TaskDefinitionRequest(NewName("lb-family")))).TaskDefinition!;
        var vpc = (await moto.Connection.Ec2.GetDefaultVpcAsync()).ShouldNotBeNull();
        var subnets = (await moto.Connection.Ec2.DescribeSubnetsAsync(vpc.VpcId)).Take(2).Select(s => s.SubnetId).ToList();
        var securityGroup = await moto.Connection.Ec2.CreateSecurityGroupAsync(NewName("lb-sg"), "service", vpc.VpcId);
        var targetGroup = await moto.Connection.Elb.CreateTargetGroupAsync(new Elb.CreateTargetGroupRequest
        {
            Name = NewName("tg"),
            Protocol = "HTTP",
            Port = 80,
            VpcId = vpc.VpcId,
            TargetType = "ip",
        });

        var service = (await Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = cluster,
            ServiceName = NewName("web"),
            TaskDefinition = taskDefinition.TaskDefinitionArn,
            DesiredCount = 2,
            LaunchType = "FARGATE",
            LoadBalancers = [new ServiceLoadBalancer { TargetGroupArn = targetGroup.TargetGroupArn, ContainerName = "web", ContainerPort = 80 }],
            NetworkConfiguration = new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration { Subnets = subnets, SecurityGroups = [securityGroup], AssignPublicIp = "DISABLED" },
            },
        })).Service!;

        var loadBalancer = service.LoadBalancers.ShouldNotBeNull().ShouldHaveSingleItem();
        loadBalancer.TargetGroupArn.ShouldBe(targetGroup.TargetGroupArn);
        loadBalancer.ContainerName.ShouldBe("web");
        loadBalancer.ContainerPort.ShouldBe(80);
        var described = (await Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [service.ServiceArn!] })).Services.ShouldHaveSingleItem();
        described.NetworkConfiguration!.AwsvpcConfiguration!.Subnets.ShouldBe(subnets);
        described.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups.ShouldBe([securityGroup]);

        await Ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = cluster, Service = service.ServiceName!, Force = true });
    }

    [Fact]
    public async Task Tags_TagListUntag_RoundTrip()
    {
        var arn = (await Ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = NewName("tags") })).Cluster!.ClusterArn!;

        await Ecs.TagResourceAsync(new EcsTagResourceRequest { ResourceArn = arn, Tags = [new EcsTag("a", "1"), new EcsTag("b", "2")] });
        (await Ecs.ListTagsForResourceAsync(new EcsListTagsForResourceRequest { ResourceArn = arn })).Tags.ShouldBe([new EcsTag("a", "1"), new EcsTag("b", "2")], ignoreOrder: true);

        await Ecs.UntagResourceAsync(new EcsUntagResourceRequest { ResourceArn = arn, TagKeys = ["a"] });
        (await Ecs.ListTagsForResourceAsync(new EcsListTagsForResourceRequest { ResourceArn = arn })).Tags.ShouldBe([new EcsTag("b", "2")]);
    }

    private static RegisterTaskDefinitionRequest TaskDefinitionRequest(string family) => new()
    {
        Family = family,
        NetworkMode = "awsvpc",
        RequiresCompatibilities = ["FARGATE"],
        Cpu = "256",
        Memory = "512",
        ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
        ContainerDefinitions =
        [
            new ContainerDefinition
            {
                Name = "web",
                Image = "nginx:latest",
                Essential = true,
                PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 80, Protocol = "tcp" }],
                Environment = [new EcsKeyValuePair("MODE", "test")],
                LogConfiguration = new LogConfiguration
                {
                    LogDriver = "awslogs",
                    Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/app", ["awslogs-region"] = "us-east-1", ["awslogs-stream-prefix"] = "web" },
                },
            },
        ],
    };
}

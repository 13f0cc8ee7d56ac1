using System.Collections.Immutable;
using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Lb;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Lb;
using EcrAutomation.Aws.Resources.Tests;
using EcrAutomation.Aws.Resources.Tests.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

[CollectionDefinition(Name)]
public sealed class EcsCollection : ICollectionFixture<EcsCloudFixture>
{
    public const string Name = "ecs-local-cloud";
}

/// <summary>The seed's third step end to end: cluster + ALB + Fargate service against the local cloud (moto).</summary>
[Collection(EcsCollection.Name)]
public sealed class FargateServiceTests(EcsCloudFixture cloud)
{
    private static string Out(UpResult up, string key) => (string)up.Outputs[key].Value!;

    [Fact(Timeout = 120_000)]
    public async Task Up_SeedProgram_CreatesWholeTree_SecondUpIsNoOp_DestroyRemovesEverythingInOrder()
    {
        var stack = await cloud.StackAsync("create", EcsPrograms.Service());
        var preview = await stack.PreviewAsync();
        preview.ChangeSummary[OperationType.Create].ShouldBe(EcsPrograms.ResourceCount);
        var up = await stack.UpAsync();

        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(EcsPrograms.ResourceCount);
        foreach (var type in new[] { "awsx:lb:ApplicationLoadBalancer", "awsx:ecs:FargateService", "awsx:ecs:FargateTaskDefinition", "aws:ecs:Service", "aws:ecs:TaskDefinition", "aws:lb:Listener" })
            up.StandardOutput.ShouldContain(type);
        Out(up, "url").ShouldContain(".elb.amazonaws.com");

        var aws = cloud.Aws;
        var cluster = Out(up, "cluster");
        var service = (await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [Out(up, "service")] })).Services.Single();
        service.Status.ShouldBe("ACTIVE");
        service.LaunchType.ShouldBe("FARGATE");
        service.TaskDefinition.ShouldBe(Out(up, "taskDefinition"));
        service.LoadBalancers!.Single().TargetGroupArn.ShouldBe(Out(up, "targetGroup"));
        service.LoadBalancers!.Single().ContainerPort.ShouldBe(80);
        service.NetworkConfiguration!.AwsvpcConfiguration!.AssignPublicIp.ShouldBe("ENABLED");

        var td = (await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = Out(up, "taskDefinition") })).TaskDefinition!;
        td.Cpu.ShouldBe("512");
        td.Memory.ShouldBe("1024", "cheapest Fargate size for 512 CPU + 128 MiB");
        td.NetworkMode.ShouldBe("awsvpc");
        td.Family!.ShouldStartWith("service-");
        var container = td.ContainerDefinitions!.Single();
        container.Name.ShouldBe("container");
        container.Image.ShouldBe(EcsPrograms.ImageV1);
        container.PortMappings!.Single().ContainerPort.ShouldBe(80);
        container.LogConfiguration!.LogDriver.ShouldBe("awslogs");
        container.LogConfiguration.Options!["awslogs-group"].ShouldBe(Out(up, "logGroup"));
        container.LogConfiguration.Options!["awslogs-stream-prefix"].ShouldBe("container");

        var tg = (await aws.Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [Out(up, "targetGroup")] })).TargetGroups.Single();
        tg.TargetType.ShouldBe("ip");
        tg.Port.ShouldBe(80);
        tg.TargetGroupName!.Length.ShouldBeLessThanOrEqualTo(32);
        var listener = (await aws.Elb.DescribeListenersAsync(new DescribeListenersRequest { ListenerArns = [Out(up, "listener")] })).Listeners.Single();
        listener.Port.ShouldBe(80);
        listener.DefaultActions!.Single().TargetGroupArn.ShouldBe(Out(up, "targetGroup"));
        var attached = await aws.Iam.ListAttachedRolePoliciesAsync(new EcrAutomation.Aws.Iam.ListAttachedRolePoliciesRequest { RoleName = Out(up, "executionRole") });
        attached.AttachedPolicies.Select(p => p.PolicyArn).ShouldBe([Awsx.Ecs.FargateTaskDefinition.ExecutionPolicyArn]);
        (await aws.Logs.FindLogGroupAsync(Out(up, "logGroup"))).ShouldNotBeNull();

        var again = await stack.UpAsync();
        again.Summary.ResourceChanges![OperationType.Same].ShouldBe(EcsPrograms.ResourceCount);
        again.Summary.ResourceChanges.Count.ShouldBe(1, "nothing but unchanged resources");

        var events = new EventLog();
        await stack.DestroyAsync(new DestroyOptions { OnEvent = events.Handler });
        var deleted = events.Finished(OperationType.Delete);
        deleted.Count.ShouldBe(EcsPrograms.ResourceCount);
        deleted.IndexOf(ServiceProvider.Type).ShouldBeLessThan(deleted.IndexOf(TargetGroupProvider.Type), "service before target group");
        deleted.IndexOf(ServiceProvider.Type).ShouldBeLessThan(deleted.IndexOf(ListenerProvider.Type), "service before listener");
        deleted.IndexOf(TargetGroupProvider.Type).ShouldBeLessThan(deleted.IndexOf(LoadBalancerProvider.Type), "target group before load balancer");
        deleted.IndexOf(Aws.Resources.Iam.RolePolicyAttachmentProvider.Type).ShouldBeLessThan(
            deleted.Select((t, i) => (t, i)).Where(x => x.t == Aws.Resources.Iam.RoleProvider.Type).Max(x => x.i), "policy detached before the execution role is deleted");

        await AssertGoneAsync(up);
    }

    [Fact(Timeout = 120_000)]
    public async Task Up_ImageChanged_RegistersNewRevisionAndUpdatesServiceOnly()
    {
        var stack = await cloud.StackAsync("image", EcsPrograms.Service(EcsPrograms.ImageV1));
        var first = await stack.UpAsync();

        var preview = await stack.PreviewAsync(new PreviewOptions { Program = EcsPrograms.Service(EcsPrograms.ImageV2) });
        preview.ChangeSummary[OperationType.Replace].ShouldBe(1);
        preview.ChangeSummary[OperationType.Update].ShouldBe(1);
        var up = await stack.UpAsync(new UpOptions { Program = EcsPrograms.Service(EcsPrograms.ImageV2) });

        up.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1, "the task definition");
        up.Summary.ResourceChanges[OperationType.Update].ShouldBe(1, "the service");
        up.Summary.ResourceChanges[OperationType.Same].ShouldBe(EcsPrograms.ResourceCount - 2);
        var oldArn = Out(first, "taskDefinition");
        var newArn = Out(up, "taskDefinition");
        newArn.ShouldBe(oldArn[..oldArn.LastIndexOf(':')] + ":2", "a new revision of the same family");
        var service = (await cloud.Aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = Out(up, "cluster"), Services = [Out(up, "service")] })).Services.Single();
        service.TaskDefinition.ShouldBe(newArn);
        (await cloud.Aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = newArn })).TaskDefinition!.ContainerDefinitions!.Single().Image.ShouldBe(EcsPrograms.ImageV2);
        (await cloud.Aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = oldArn })).TaskDefinition!.Status.ShouldBe("INACTIVE", "the old revision is deregistered after the service moved");
        Out(up, "url").ShouldBe(Out(first, "url"));

        (await stack.UpAsync(new UpOptions { Program = EcsPrograms.Service(EcsPrograms.ImageV2) })).Summary.ResourceChanges![OperationType.Same].ShouldBe(EcsPrograms.ResourceCount);
        await stack.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task Up_CpuAndMemoryChanged_RegistersNewRevisionWithTheNewSize()
    {
        var stack = await cloud.StackAsync("size", EcsPrograms.Service());
        await stack.UpAsync();
        var up = await stack.UpAsync(new UpOptions { Program = EcsPrograms.Service(cpu: 1024, memory: 3000) });

        up.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        up.Summary.ResourceChanges[OperationType.Update].ShouldBe(1);
        var td = (await cloud.Aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = Out(up, "taskDefinition") })).TaskDefinition!;
        td.Revision.ShouldBe(2);
        td.Cpu.ShouldBe("1024");
        td.Memory.ShouldBe("3072", "the cheapest size with at least 1024 CPU units and 3000 MiB");
        await stack.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task Up_ListenerFailsInTheMiddle_NextUpFinishes()
    {
        static ApplicationLoadBalancerArgs TwoListeners(string secondProtocol) => new() { Listeners = [new() { Port = 80 }, new() { Port = 8080, Protocol = secondProtocol }] };
        var stack = await cloud.StackAsync("failure", EcsPrograms.Service(lbArgs: TwoListeners("TCP")));

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        error.Message.ShouldContain("CreateListener");
        error.Message.ShouldContain("TCP");

        var up = await stack.UpAsync(new UpOptions { Program = EcsPrograms.Service(lbArgs: TwoListeners("HTTP")) });
        up.Summary.ResourceChanges!.GetValueOrDefault(OperationType.Create).ShouldBeGreaterThan(0);
        var service = (await cloud.Aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = Out(up, "cluster"), Services = [Out(up, "service")] })).Services.Single();
        service.Status.ShouldBe("ACTIVE");
        var listeners = await cloud.Aws.Elb.DescribeListenersAsync(new DescribeListenersRequest { LoadBalancerArn = Out(up, "loadBalancer") });
        listeners.Listeners.Select(l => l.Port).Order().ShouldBe([80, 8080]);
        (await stack.UpAsync(new UpOptions { Program = EcsPrograms.Service(lbArgs: TwoListeners("HTTP")) })).Summary.ResourceChanges![OperationType.Same].ShouldBe(EcsPrograms.ResourceCount + 1);
        await stack.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task Preview_DefaultVpcWithoutPrivateSubnets_ExplainsTheFix()
    {
        var stack = await cloud.StackAsync("private", PulumiFn.Create(() =>
        {
            new FargateService("service", new FargateServiceArgs
            {
                TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs { Container = new TaskDefinitionContainerDefinitionArgs { Image = EcsPrograms.ImageV1, Memory = 128 } },
            });
        }));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync());
        error.Message.ShouldContain("The default VPC does not have any private subnets. Set `assignPublicIp` to `true`");
        error.Message.ShouldContain("NAT gateway");
    }

    [Fact(Timeout = 120_000)]
    public async Task Refresh_AfterCreate_FindsNoDrift_AndImportAdoptsAnExistingCluster()
    {
        var stack = await cloud.StackAsync("refresh", EcsPrograms.Service());
        await stack.UpAsync();
        var refreshEvents = new EventLog();
        var refresh = await stack.RefreshAsync(new RefreshOptions { OnEvent = refreshEvents.Handler });
        var drift = string.Join("\n", refreshEvents.Events.OfType<Events.ResourceOutputsEvent>().Where(e => e.Metadata.Diffs is { Count: > 0 })
            .Select(e => e.Metadata.Type + ": " + string.Join(",", e.Metadata.Diffs!) + " old=" + System.Text.Json.JsonSerializer.Serialize(e.Metadata.Old?.Outputs) + " new=" + System.Text.Json.JsonSerializer.Serialize(e.Metadata.New?.Outputs)));
        refresh.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "refresh reads every resource back without drift:\n" + drift);
        (await stack.PreviewAsync()).ChangeSummary.Keys.ShouldBe([OperationType.Same]);
        await stack.DestroyAsync();

        var existing = (await cloud.Aws.Ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = "imported-cluster" })).Cluster!;
        var import = await cloud.StackAsync("import", PulumiFn.Create(() =>
        {
            var c = new Aws.Resources.Ecs.Cluster("imported", new Aws.Resources.Ecs.ClusterArgs { Name = "imported-cluster" }, new CustomResourceOptions { ImportId = existing.ClusterArn });
            return new Dictionary<string, object?> { ["arn"] = c.Arn };
        }));
        var imported = await import.UpAsync();
        imported.Summary.ResourceChanges![OperationType.Import].ShouldBe(1);
        Out(imported, "arn").ShouldBe(existing.ClusterArn);
        await import.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task Up_ContainerPortDiffersFromTargetGroupPort_ServiceTargetsTheContainerPort()
    {
        var stack = await cloud.StackAsync("ports", PulumiFn.Create(() =>
        {
            var cluster = new Aws.Resources.Ecs.Cluster("cluster");
            var lb = new ApplicationLoadBalancer("lb");
            var service = new FargateService("web", new FargateServiceArgs
            {
                Cluster = cluster.Arn,
                AssignPublicIp = true,
                DesiredCount = 1,
                TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs
                {
                    Containers = new Dictionary<string, TaskDefinitionContainerDefinitionArgs>
                    {
                        ["web"] = new() { Image = "nginx:1.27", Memory = 256, PortMappings = [new() { ContainerPort = 8080, TargetGroup = lb.DefaultTargetGroup }] },
                        ["sidecar"] = new() { Image = "busybox:1.36", MemoryReservation = 64, Essential = false, Environment = [new() { Name = "MODE", Value = "sidecar" }] },
                    },
                },
            });
            return new Dictionary<string, object?> { ["cluster"] = cluster.Arn, ["service"] = service.Service.ServiceName, ["td"] = service.TaskDefinition!.TaskDefinition.Arn };
        }));
        var up = await stack.UpAsync();

        var service = (await cloud.Aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = Out(up, "cluster"), Services = [Out(up, "service")] })).Services.Single();
        service.LoadBalancers!.Single().ContainerName.ShouldBe("web");
        service.LoadBalancers!.Single().ContainerPort.ShouldBe(8080, "awsx would use the target group's port 80 here");
        var td = (await cloud.Aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = Out(up, "td") })).TaskDefinition!;
        td.ContainerDefinitions!.Select(c => c.Name).ShouldBe(["sidecar", "web"], "containers sorted by name");
        td.ContainerDefinitions![1].PortMappings!.Single().HostPort.ShouldBe(8080);
        td.ContainerDefinitions![0].Environment!.Single().ShouldBe(new EcrAutomation.Aws.Ecs.EcsKeyValuePair("MODE", "sidecar"));
        (td.Cpu, td.Memory).ShouldBe(("256", "512"), "320 MiB reserved fits the smallest size");
        await stack.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task Destroy_RoleWithPolicyAttachedOutsideTheStack_FailsClearly_UntilForceDetachPolicies()
    {
        static PulumiFn Role(bool force) => PulumiFn.Create(() =>
        {
            var role = new Aws.Resources.Iam.Role("role", new Aws.Resources.Iam.RoleArgs
            {
                AssumeRolePolicy = Aws.Resources.Iam.Role.TrustPolicyFor("ecs-tasks.amazonaws.com"),
                ForceDetachPolicies = force,
            });
            return new Dictionary<string, object?> { ["name"] = role.RoleName };
        });
        var stack = await cloud.StackAsync("role", Role(force: false));
        var up = await stack.UpAsync();
        var name = Out(up, "name");
        await cloud.Aws.Iam.AttachRolePolicyAsync(new EcrAutomation.Aws.Iam.RolePolicyAttachmentRequest { RoleName = name, PolicyArn = FargateTaskDefinition.ExecutionPolicyArn });

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.DestroyAsync());
        error.Message.ShouldContain($"cannot delete IAM role '{name}'");
        error.Message.ShouldContain("DeleteConflict");
        error.Message.ShouldContain("forceDetachPolicies");

        await stack.UpAsync(new UpOptions { Program = Role(force: true) });
        await stack.DestroyAsync();
        (await cloud.Aws.Iam.FindRoleAsync(name)).ShouldBeNull();
    }

    private async Task AssertGoneAsync(UpResult up)
    {
        var aws = cloud.Aws;
        var services = await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = Out(up, "cluster"), Services = [Out(up, "service")] });
        services.Services.Where(s => s.Status == "ACTIVE").ShouldBeEmpty();
        (await aws.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [Out(up, "cluster")] })).Clusters.Where(c => c.Status == "ACTIVE").ShouldBeEmpty();
        (await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = Out(up, "taskDefinition") })).TaskDefinition!.Status.ShouldBe("INACTIVE");
        (await Should.ThrowAsync<AwsServiceException>(() => aws.Elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = [Out(up, "loadBalancer")] }))).ErrorCode.ShouldBe(ElbErrorCodes.LoadBalancerNotFound);
        (await Should.ThrowAsync<AwsServiceException>(() => aws.Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [Out(up, "targetGroup")] }))).ErrorCode.ShouldBe(ElbErrorCodes.TargetGroupNotFound);
        (await aws.Iam.FindRoleAsync(Out(up, "taskRole"))).ShouldBeNull();
        (await aws.Iam.FindRoleAsync(Out(up, "executionRole"))).ShouldBeNull();
        (await aws.Logs.FindLogGroupAsync(Out(up, "logGroup"))).ShouldBeNull();
        (await aws.Ec2.FindSecurityGroupAsync(Out(up, "serviceSecurityGroup"))).ShouldBeNull();
        (await aws.Ec2.FindSecurityGroupAsync(Out(up, "lbSecurityGroup"))).ShouldBeNull();
    }
}

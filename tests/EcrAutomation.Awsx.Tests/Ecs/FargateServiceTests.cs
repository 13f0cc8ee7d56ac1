using System.Collections.Immutable;
using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Aws.Resources.Lb;

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
    private static UpOptions Debug() => new()
    {
        OnStandardOutput = l => File.AppendAllText("/tmp/ecs-debug.log", l + "\n"),
        OnEvent = e => { if (e is Events.DiagnosticEvent d) File.AppendAllText("/tmp/ecs-debug.log", "DIAG " + d.Severity + " " + d.Message + "\n"); },
    };

    private static string Out(UpResult up, string key) => (string)up.Outputs[key].Value!;

    [Fact(Timeout = 120_000)]
    public async Task Up_SeedProgram_CreatesWholeTree_SecondUpIsNoOp_DestroyRemovesEverythingInOrder()
    {
        var stack = await cloud.StackAsync("create", EcsPrograms.Service());
        var up = await stack.UpAsync(Debug());

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
        var deleted = events.Finished("delete");
        deleted.Count.ShouldBe(EcsPrograms.ResourceCount);
        deleted.IndexOf(ServiceProvider.Type).ShouldBeLessThan(deleted.IndexOf(TargetGroupProvider.Type), "service before target group");
        deleted.IndexOf(ServiceProvider.Type).ShouldBeLessThan(deleted.IndexOf(ListenerProvider.Type), "service before listener");
        deleted.IndexOf(TargetGroupProvider.Type).ShouldBeLessThan(deleted.IndexOf(LoadBalancerProvider.Type), "target group before load balancer");
        deleted.IndexOf(Aws.Resources.Iam.RolePolicyAttachmentProvider.Type).ShouldBeLessThan(
            deleted.Select((t, i) => (t, i)).Where(x => x.t == Aws.Resources.Iam.RoleProvider.Type).Max(x => x.i), "policy detached before the execution role is deleted");

        await AssertGoneAsync(up);
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

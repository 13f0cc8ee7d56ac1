using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Http;
using EcrAutomation.Aws.Tests.Infrastructure;

namespace EcrAutomation.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class ElbMotoTests(MotoFixture moto)
{
    private ElbClient Elb => moto.Connection.Elb;

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task LoadBalancerTargetGroupListener_FullLifecycle_RoundTripsAndReportsErrors()
    {
        var vpc = (await moto.Connection.Ec2.GetDefaultVpcAsync()).ShouldNotBeNull();
        var subnets = (await moto.Connection.Ec2.DescribeSubnetsAsync(vpc.VpcId)).Take(2).Select(s => s.SubnetId).ToList();
        var securityGroup = await moto.Connection.Ec2.CreateSecurityGroupAsync(NewName("lb-sg"), "lb", vpc.VpcId);
        var lbName = NewName("lb");

        var lb = await Elb.CreateLoadBalancerAsync(new CreateLoadBalancerRequest
        {
            Name = lbName,
            Subnets = subnets,
            SecurityGroups = [securityGroup],
            Scheme = "internet-facing",
            Type = "application",
            Tags = [new ElbTag { Key = "app", Value = "web" }],
        });
        lb.LoadBalancerName.ShouldBe(lbName);
        lb.LoadBalancerArn.ShouldStartWith($"arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/{lbName}/");
        lb.DNSName.ShouldNotBeNullOrEmpty();
        lb.VpcId.ShouldBe(vpc.VpcId);
        lb.AvailabilityZones.ShouldNotBeNull().Count.ShouldBe(2);
        lb.SecurityGroups.ShouldBe([securityGroup]);

        var active = await Elb.WaitForLoadBalancerActiveAsync(lb.LoadBalancerArn!, new AwsWaiterOptions { Interval = TimeSpan.FromMilliseconds(100), Timeout = TimeSpan.FromSeconds(10) });
        active.State!.Code.ShouldBe("active");
        (await Elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = [lbName] })).LoadBalancers.ShouldHaveSingleItem();
        (await Elb.DescribeAllLoadBalancersAsync().ToListAsync()).ShouldContain(l => l.LoadBalancerArn == lb.LoadBalancerArn);
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = [NewName("nolb")] })))
            .ErrorCode.ShouldBe(ElbErrorCodes.LoadBalancerNotFound);

        var tgName = NewName("tg");
        var tg = await Elb.CreateTargetGroupAsync(new CreateTargetGroupRequest
        {
            Name = tgName,
            Protocol = "HTTP",
            Port = 80,
            VpcId = vpc.VpcId,
            TargetType = "ip",
            HealthCheckPath = "/health",
            Matcher = new Matcher { HttpCode = "200-299" },
        });
        tg.TargetGroupName.ShouldBe(tgName);
        tg.TargetType.ShouldBe("ip");
        tg.HealthCheckPath.ShouldBe("/health");
        tg.Matcher!.HttpCode.ShouldBe("200-299");

        var modified = await Elb.ModifyTargetGroupAsync(new ModifyTargetGroupRequest { TargetGroupArn = tg.TargetGroupArn!, HealthCheckPath = "/ready", HealthCheckIntervalSeconds = 10 });
        modified.HealthCheckPath.ShouldBe("/ready");
        modified.HealthCheckIntervalSeconds.ShouldBe(10);
        (await Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [tg.TargetGroupArn!] })).TargetGroups.ShouldHaveSingleItem().HealthCheckPath.ShouldBe("/ready");
        (await Elb.DescribeAllTargetGroupsAsync().ToListAsync()).ShouldContain(t => t.TargetGroupArn == tg.TargetGroupArn);

        var listener = await Elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = lb.LoadBalancerArn!,
            Protocol = "HTTP",
            Port = 80,
            DefaultActions = [new ListenerAction { Type = "forward", TargetGroupArn = tg.TargetGroupArn }],
        });
        listener.Port.ShouldBe(80);
        listener.DefaultActions.ShouldNotBeNull().ShouldHaveSingleItem().TargetGroupArn.ShouldBe(tg.TargetGroupArn);

        // moto never raises DuplicateListener (it looks the port up among listener ARNs); AWS's answer is asserted in
        // AwsBehaviourStubTests.CreateListener_PortTaken_IsDuplicateListener.

        var moved = await Elb.ModifyListenerAsync(new ModifyListenerRequest { ListenerArn = listener.ListenerArn!, Port = 8080 });
        moved.Port.ShouldBe(8080);
        (await Elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = lb.LoadBalancerArn }).ToListAsync()).ShouldHaveSingleItem().Port.ShouldBe(8080);

        await Elb.AddTagsAsync(new AddTagsRequest { ResourceArns = [lb.LoadBalancerArn!, tg.TargetGroupArn!], Tags = [new ElbTag { Key = "env", Value = "test" }] });

        var inUse = await Should.ThrowAsync<AwsResourceConflictException>(() => Elb.DeleteTargetGroupAsync(tg.TargetGroupArn!));
        inUse.ErrorCode.ShouldBe(ElbErrorCodes.ResourceInUse);

        await Elb.DeleteListenerAsync(listener.ListenerArn!);
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Elb.DeleteListenerAsync(listener.ListenerArn!)))
            .ErrorCode.ShouldBe(ElbErrorCodes.ListenerNotFound);

        await Elb.DeleteTargetGroupAsync(tg.TargetGroupArn!);
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [tg.TargetGroupArn!] })))
            .ErrorCode.ShouldBe(ElbErrorCodes.TargetGroupNotFound);

        await Elb.DeleteLoadBalancerAsync(lb.LoadBalancerArn!);
        await Elb.DeleteLoadBalancerAsync(lb.LoadBalancerArn!); // deleting an absent load balancer succeeds
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = [lb.LoadBalancerArn!] })))
            .ErrorCode.ShouldBe(ElbErrorCodes.LoadBalancerNotFound);
    }

    [Fact]
    public async Task CreateTargetGroup_SameNameDifferentSettings_IsDuplicateTargetGroupName()
    {
        var vpc = (await moto.Connection.Ec2.GetDefaultVpcAsync()).ShouldNotBeNull();
        var name = NewName("dup");
        await Elb.CreateTargetGroupAsync(new CreateTargetGroupRequest { Name = name, Protocol = "HTTP", Port = 80, VpcId = vpc.VpcId, TargetType = "ip" });

        var ex = await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() =>
            Elb.CreateTargetGroupAsync(new CreateTargetGroupRequest { Name = name, Protocol = "HTTP", Port = 8080, VpcId = vpc.VpcId, TargetType = "ip" }));

        ex.ErrorCode.ShouldBe(ElbErrorCodes.DuplicateTargetGroupName);
    }
}

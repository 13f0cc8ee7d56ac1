using System.Net;
using EcrAutomation.LocalCloud.Elb;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrAutomation.LocalCloud.Tests.Elb;

/// <summary>The target registry checks each target as its group's health check says and reports AWS's states and reasons.</summary>
public sealed class TargetRegistryTests
{
    private const string GroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static TargetGroupRecord Group(
        TimeSpan? deregistrationDelay = null, bool inUse = true, int healthyThreshold = 2, int unhealthyThreshold = 2, string matcher = "200", string port = "traffic-port")
        => new(GroupArn, "web", "HTTP", 80, "ip",
            new HealthCheckSettings(true, "HTTP", port, "/health", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), healthyThreshold, unhealthyThreshold, matcher),
            deregistrationDelay ?? TimeSpan.Zero,
            inUse ? ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef"] : []);

    [Fact]
    public async Task Register_PassingTarget_GoesFromInitialToHealthy()
    {
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group(healthyThreshold: 3));

        registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);

        registry.Health(GroupArn, target.EndPoint.Address, target.EndPoint.Port).State.ShouldBe(TargetHealth.Initial);
        await registry.WaitHealthyAsync(GroupArn, target.EndPoint.Address, target.EndPoint.Port, new CancellationTokenSource(Patience).Token);
        registry.Health(GroupArn, target.EndPoint.Address, target.EndPoint.Port).ShouldBe(TargetHealth.Passing);
    }

    [Fact]
    public async Task NewTarget_IsHealthyAfterOnePassingCheck_AnUnhealthyOneAfterTheHealthyThreshold()
    {
        // AWS: "After your target is registered, it must pass one health check to be considered healthy"; the healthy
        // threshold counts the passing checks that bring an unhealthy target back.
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group(healthyThreshold: 5));

        registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);
        await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Healthy);
        target.HealthChecks.ShouldBeLessThanOrEqualTo(2, "one passing check (a second may be in flight)");

        target.HealthStatus = 404;
        await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Unhealthy);
        target.HealthStatus = 200;
        var before = target.HealthChecks;
        await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Healthy);
        (target.HealthChecks - before).ShouldBeGreaterThanOrEqualTo(5, "an unhealthy target needs the healthy threshold of passing checks");
    }

    [Fact]
    public async Task Register_WrongStatusCode_UnhealthyWithResponseCodeMismatch()
    {
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        target.HealthStatus = 404;
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group());

        registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);

        var health = await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Unhealthy);
        health.Reason.ShouldBe("Target.ResponseCodeMismatch");
        health.Description.ShouldBe("Health checks failed with these codes: [404]");
    }

    [Fact]
    public async Task Register_MatcherRange_AcceptsCodesInRange()
    {
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        target.HealthStatus = 204;
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group(matcher: "200-299"));

        registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);

        await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Healthy);
    }

    [Fact]
    public async Task Register_NothingListening_UnhealthyWithFailedHealthChecks()
    {
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group());
        var nowhere = new IPEndPoint(IPAddress.Parse("127.0.0.3"), FreeLoopbackPort());

        registry.Register(GroupArn, nowhere.Address, nowhere.Port);

        var health = await WaitForStateAsync(registry, nowhere, TargetHealth.Unhealthy);
        health.ShouldBe(TargetHealth.FailedHealthChecks);
    }

    [Fact]
    public async Task Register_HealthCheckHangs_UnhealthyWithTimeout()
    {
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        target.HealthStatus = 0;
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group());

        registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);

        var health = await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Unhealthy);
        health.ShouldBe(TargetHealth.TimedOut);
    }

    [Fact]
    public async Task Register_HealthCheckPortSet_ChecksThatPortInsteadOfTrafficPort()
    {
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group(port: target.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        registry.Register(GroupArn, target.EndPoint.Address, FreeLoopbackPort());

        await WaitForStateAsync(registry, new IPEndPoint(target.EndPoint.Address, registry.Describe(GroupArn).Single().Target.Port), TargetHealth.Healthy);
    }

    [Fact]
    public async Task Register_GroupWithoutLoadBalancer_TargetUnusedNotInUse()
    {
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group(inUse: false));

        registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);

        registry.Health(GroupArn, target.EndPoint.Address, target.EndPoint.Port).ShouldBe(TargetHealth.NotInUse);
        registry.Configure(Group(inUse: true));
        await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Healthy);
    }

    [Fact]
    public async Task Deregister_DrainsForTheDelay_ThenNotRegistered()
    {
        await using var target = await TargetServer.StartAsync("a", "127.0.0.2");
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group(deregistrationDelay: TimeSpan.FromSeconds(2)));
        registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);
        await WaitForStateAsync(registry, target.EndPoint, TargetHealth.Healthy);

        var drained = registry.Deregister(GroupArn, target.EndPoint.Address, target.EndPoint.Port);

        registry.Health(GroupArn, target.EndPoint.Address, target.EndPoint.Port).ShouldBe(TargetHealth.DeregistrationInProgress);
        registry.Next(GroupArn).ShouldBeNull();
        await drained.WaitAsync(Patience);
        registry.Health(GroupArn, target.EndPoint.Address, target.EndPoint.Port).ShouldBe(TargetHealth.NotRegistered);
        registry.Describe(GroupArn).ShouldBeEmpty();
    }

    [Fact]
    public async Task Next_RoundRobinsOverHealthyTargets_AndFailsOpenWhenNoneIsHealthy()
    {
        await using var a = await TargetServer.StartAsync("a", "127.0.0.2");
        await using var b = await TargetServer.StartAsync("b", "127.0.0.3");
        await using var c = await TargetServer.StartAsync("c", "127.0.0.4");
        c.HealthStatus = 500;
        await using var registry = new TargetRegistry(NullLogger.Instance);
        registry.Configure(Group());
        foreach (var target in new[] { a, b, c })
        {
            registry.Register(GroupArn, target.EndPoint.Address, target.EndPoint.Port);
        }

        await WaitForStateAsync(registry, a.EndPoint, TargetHealth.Healthy);
        await WaitForStateAsync(registry, b.EndPoint, TargetHealth.Healthy);
        await WaitForStateAsync(registry, c.EndPoint, TargetHealth.Unhealthy);
        Enumerable.Range(0, 4).Select(_ => registry.Next(GroupArn)).ToHashSet().ShouldBe([a.EndPoint, b.EndPoint], ignoreOrder: true);

        a.HealthStatus = b.HealthStatus = 500;
        await WaitForStateAsync(registry, a.EndPoint, TargetHealth.Unhealthy);
        await WaitForStateAsync(registry, b.EndPoint, TargetHealth.Unhealthy);
        Enumerable.Range(0, 6).Select(_ => registry.Next(GroupArn)).ToHashSet().ShouldBe([a.EndPoint, b.EndPoint, c.EndPoint], ignoreOrder: true);
    }

    [Fact]
    public void Health_UnknownTarget_NotRegistered()
    {
        var registry = new TargetRegistry(NullLogger.Instance);
        registry.Health(GroupArn, IPAddress.Loopback, 80).ShouldBe(TargetHealth.NotRegistered);
        registry.Next(GroupArn).ShouldBeNull();
    }

    private static async Task<TargetHealth> WaitForStateAsync(TargetRegistry registry, IPEndPoint target, string state)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var health = registry.Health(GroupArn, target.Address, target.Port);
            if (health.State == state)
            {
                return health;
            }

            timeout.IsCancellationRequested.ShouldBeFalse($"{target} never became {state}; it is {health}");
            await Task.Delay(50);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Elb;

/// <summary>
/// Application load balancers created through the ELBv2 API really serve: each listener on a loopback port (and the
/// ALB's DNS name through the local cloud's port) routes by its rules to healthy registered targets, and
/// <c>describe-target-health</c> tells the truth of the health checks.
/// </summary>
public sealed class LoadBalancerTests(MotoLocalCloudFixture cloud) : IClassFixture<MotoLocalCloudFixture>
{
    private readonly Elbv2 _elb = new(cloud.Server.Endpoint);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Listener_ForwardsToBothHealthyTargets_OnItsLoopbackPortAndByHostHeader()
    {
        Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        await using var a = await TargetServer.StartAsync("task-a", "127.0.0.2");
        await using var b = await TargetServer.StartAsync("task-b", "127.0.0.3");
        var (lb, dns) = await _elb.CreateLoadBalancerAsync("web-both");
        var group = await _elb.CreateTargetGroupAsync("web-both-tg");
        await _elb.CreateListenerAsync(lb, group);

        await _elb.RegisterAsync(group, a, b);

        var health = await _elb.WaitForStateAsync(group, "healthy", 2);
        health.Keys.ShouldBe([$"{a.EndPoint.Address}:{a.EndPoint.Port}", $"{b.EndPoint.Address}:{b.EndPoint.Port}"], ignoreOrder: true);
        var door = await FrontDoorAsync(dns);
        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await _http.GetStringAsync(new Uri(door, "/page")));
        }

        answers.Count(t => t.StartsWith("task-a /page", StringComparison.Ordinal)).ShouldBe(3);
        answers.Count(t => t.StartsWith("task-b /page", StringComparison.Ordinal)).ShouldBe(3);

        using var byHost = new HttpRequestMessage(HttpMethod.Get, new Uri(cloud.Server.Endpoint, "/via-host?x=1"));
        byHost.Headers.Host = dns;
        using var response = await _http.SendAsync(byHost);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldEndWith($"/via-host?x=1 host={dns}");
    }

    [Fact]
    public async Task ListenerRules_ByPriority_FixedResponseRedirectAndWeightedForward()
    {
        Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        await using var main = await TargetServer.StartAsync("main", "127.0.0.2");
        await using var canary = await TargetServer.StartAsync("canary", "127.0.0.3");
        var (lb, dns) = await _elb.CreateLoadBalancerAsync("web-rules");
        var mainGroup = await _elb.CreateTargetGroupAsync("web-rules-main");
        var canaryGroup = await _elb.CreateTargetGroupAsync("web-rules-canary");
        var listener = await _elb.CreateListenerAsync(lb, mainGroup);
        await _elb.CallAsync("create-rule", "--listener-arn", listener, "--priority", "10", "--conditions", "Field=path-pattern,Values=/api/*",
            "--actions", "Type=fixed-response,FixedResponseConfig={StatusCode=418,ContentType=text/plain,MessageBody=teapot}");
        await _elb.CallAsync("create-rule", "--listener-arn", listener, "--priority", "5", "--conditions", "Field=path-pattern,Values=/api/special",
            "--actions", $"Type=forward,TargetGroupArn={canaryGroup}");
        await _elb.CallAsync("create-rule", "--listener-arn", listener, "--priority", "20", "--conditions", "Field=path-pattern,Values=/old*",
            "--actions", """[{"Type":"redirect","RedirectConfig":{"Protocol":"HTTPS","Port":"443","Path":"/new/#{path}","StatusCode":"HTTP_301"}}]""");
        await _elb.CallAsync("create-rule", "--listener-arn", listener, "--priority", "30", "--conditions", "Field=host-header,Values=canary.example.com",
            "--actions", $"Type=forward,ForwardConfig={{TargetGroups=[{{TargetGroupArn={mainGroup},Weight=0}},{{TargetGroupArn={canaryGroup},Weight=5}}]}}");
        await _elb.RegisterAsync(mainGroup, main);
        await _elb.RegisterAsync(canaryGroup, canary);
        var door = await FrontDoorAsync(dns);

        using (var teapot = await _http.GetAsync(new Uri(door, "/api/x")))
        {
            teapot.StatusCode.ShouldBe((HttpStatusCode)418);
            teapot.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            (await teapot.Content.ReadAsStringAsync()).ShouldBe("teapot");
        }

        (await _http.GetStringAsync(new Uri(door, "/api/special"))).ShouldStartWith("canary /api/special");
        using (var moved = await _http.GetAsync(new Uri(door, "/old/page?q=1")))
        {
            moved.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
            moved.Headers.Location!.ToString().ShouldBe($"https://{door.Host}/new/old/page?q=1");
        }

        using var canaryHost = new HttpRequestMessage(HttpMethod.Get, new Uri(door, "/anything"));
        canaryHost.Headers.Host = "canary.example.com";
        (await (await _http.SendAsync(canaryHost)).Content.ReadAsStringAsync()).ShouldStartWith("canary /anything");
        (await _http.GetStringAsync(new Uri(door, "/anything"))).ShouldStartWith("main /anything");
    }

    [Fact]
    public async Task TargetOnWrongPort_UnhealthyWithReason_AndTheListenerAnswers502()
    {
        Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        await using var app = await TargetServer.StartAsync("app", "127.0.0.2");
        var (lb, dns) = await _elb.CreateLoadBalancerAsync("web-wrong-port");
        var group = await _elb.CreateTargetGroupAsync("web-wrong-port-tg");
        await _elb.CreateListenerAsync(lb, group);
        var wrongPort = FreePort(app.EndPoint.Address);

        await _elb.CallAsync("register-targets", "--target-group-arn", group, "--targets", $"Id={app.EndPoint.Address},Port={wrongPort}");

        var health = (await _elb.WaitForStateAsync(group, "unhealthy", 1)).Values.Single();
        health.Reason.ShouldBe("Target.FailedHealthChecks");
        health.Description.ShouldBe("Health checks failed");
        using var response = await _http.GetAsync(new Uri(await FrontDoorAsync(dns), "/"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway, "an ALB fails open to its unhealthy targets, which refuse the connection");
    }

    [Fact]
    public async Task TargetAnswering404_UnhealthyWithResponseCodeMismatch_DeregisterDrainsThenNotRegistered()
    {
        Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        await using var app = await TargetServer.StartAsync("app", "127.0.0.2");
        app.HealthStatus = 404;
        var (lb, _) = await _elb.CreateLoadBalancerAsync("web-404");
        var group = await _elb.CreateTargetGroupAsync("web-404-tg", deregistrationDelay: "15");
        await _elb.CreateListenerAsync(lb, group);
        await _elb.RegisterAsync(group, app);

        var health = (await _elb.WaitForStateAsync(group, "unhealthy", 1)).Values.Single();
        health.Reason.ShouldBe("Target.ResponseCodeMismatch");
        health.Description.ShouldBe("Health checks failed with these codes: [404]");

        await _elb.CallAsync("deregister-targets", "--target-group-arn", group, "--targets", $"Id={app.EndPoint.Address},Port={app.EndPoint.Port}");
        (await _elb.HealthAsync(group)).Values.Single().Reason.ShouldBe("Target.DeregistrationInProgress");
        await _elb.WaitForStateAsync(group, "healthy", 0);
        var asked = await _elb.CallAsync("describe-target-health", "--target-group-arn", group, "--targets", $"Id={app.EndPoint.Address},Port={app.EndPoint.Port}");
        asked["TargetHealthDescriptions"]![0]!["TargetHealth"]!["Reason"]!.GetValue<string>().ShouldBe("Target.NotRegistered");
    }

    [Fact]
    public async Task DeleteListenerAndLoadBalancer_ClosesThePortAndRemovesTheFrontDoor()
    {
        Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        var (lb, dns) = await _elb.CreateLoadBalancerAsync("web-deleted");
        var group = await _elb.CreateTargetGroupAsync("web-deleted-tg");
        var listener = await _elb.CreateListenerAsync(lb, group);
        var door = await FrontDoorAsync(dns);
        using (var empty = await _http.GetAsync(door))
        {
            empty.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "no targets registered");
        }

        await _elb.CallAsync("delete-listener", "--listener-arn", listener);
        await Should.ThrowAsync<HttpRequestException>(() => _http.GetAsync(door));
        (await FrontDoorsAsync(cloud.Server.Endpoint)).ShouldNotContainKey(dns);

        await _elb.CreateListenerAsync(lb, group, port: 8080);
        (await FrontDoorsAsync(cloud.Server.Endpoint)).ShouldContainKey(dns);
        await _elb.CallAsync("delete-load-balancer", "--load-balancer-arn", lb);
        (await FrontDoorsAsync(cloud.Server.Endpoint)).ShouldNotContainKey(dns);
    }

    [Fact]
    public async Task RestartAndStop_LoadBalancersServeAgainAfterARestart_AndStopClosesTheirPorts()
    {
        Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        var data = Directory.CreateTempSubdirectory("localcloud-elb-restart-").FullName;
        await using var app = await TargetServer.StartAsync("app", "127.0.0.2");
        try
        {
            string dns;
            Uri before;
            await using (var first = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = data }))
            {
                var elb = new Elbv2(first.Endpoint);
                (var lb, dns) = await elb.CreateLoadBalancerAsync("web-restart");
                var group = await elb.CreateTargetGroupAsync("web-restart-tg");
                await elb.CreateListenerAsync(lb, group);
                await elb.RegisterAsync(group, app);
                before = (await FrontDoorsAsync(first.Endpoint))[dns];
            }

            await Should.ThrowAsync<HttpRequestException>(() => _http.GetAsync(before));

            await using var second = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = data });
            var deadline = DateTime.UtcNow.AddSeconds(60);
            Dictionary<string, Uri> doors;
            while (!(doors = await FrontDoorsAsync(second.Endpoint)).ContainsKey(dns))
            {
                DateTime.UtcNow.ShouldBeLessThan(deadline, "the load balancer was not served again after the restart");
                await Task.Delay(200);
            }

            (await _http.GetStringAsync(new Uri(doors[dns], "/again"))).ShouldStartWith("app /again");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private async Task<Uri> FrontDoorAsync(string dnsName)
    {
        var doors = await FrontDoorsAsync(cloud.Server.Endpoint);
        doors.ShouldContainKey(dnsName);
        return doors[dnsName];
    }

    private async Task<Dictionary<string, Uri>> FrontDoorsAsync(Uri endpoint)
    {
        var listing = JsonNode.Parse(await _http.GetStringAsync(new Uri(endpoint, "/_localcloud/frontdoors")))!;
        return listing["frontDoors"]!.AsArray().ToDictionary(d => d!["hostName"]!.GetValue<string>(), d => new Uri(d!["url"]!.GetValue<string>()));
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

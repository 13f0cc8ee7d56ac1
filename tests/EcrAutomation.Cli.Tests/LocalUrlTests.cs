using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// <c>local status</c> lists the front doors (load balancer DNS name -> loopback URL) and <c>local url</c> turns a load
/// balancer's DNS name or URL, such as the ECS program's <c>url</c> output, into an address curl reaches.
/// </summary>
public sealed class LocalUrlTests() : LocalCloudProgramTest("ecs")
{
    [Fact]
    public async Task StatusAndUrl_AnAlbsDnsName_ServedOnLoopback_UnknownNameExits2ListingTheKnownNames()
    {
        var start = await Cli.RunAsync("local", "start");
        start.ExitCode.ShouldBe(0, start.Stdout + start.Stderr);
        (await Cli.RunAsync("local", "status")).Stdout.ShouldContain("front:    none");
        var subnets = JsonDocument.Parse(await AwsAsync("ec2", "describe-subnets", "--query", "Subnets[0:2].SubnetId")).RootElement.EnumerateArray().Select(s => s.GetString()!).ToArray();
        var balancer = JsonDocument.Parse(await AwsAsync(["elbv2", "create-load-balancer", "--name", "hello", "--subnets", .. subnets])).RootElement.GetProperty("LoadBalancers")[0];
        var dns = balancer.GetProperty("DNSName").GetString()!;
        await AwsAsync("elbv2", "create-listener", "--load-balancer-arn", balancer.GetProperty("LoadBalancerArn").GetString()!, "--protocol", "HTTP", "--port", "80",
            "--default-actions", """[{"Type":"fixed-response","FixedResponseConfig":{"StatusCode":"200","ContentType":"text/plain","MessageBody":"hello from the alb"}}]""");

        var status = await Cli.RunAsync("local", "status");
        status.ExitCode.ShouldBe(0, status.Stdout + status.Stderr);
        status.Stdout.ShouldMatch($@"front:    {dns.Replace(".", @"\.")} -> http://127\.0\.0\.1:\d+/ \(alb\)");
        var url = await Cli.RunAsync("local", "url", dns);
        url.ExitCode.ShouldBe(0, url.Stdout + url.Stderr);
        url.Stdout.Trim().ShouldMatch(@"^http://127\.0\.0\.1:\d+/$");
        using var http = new HttpClient();
        (await http.GetStringAsync(url.Stdout.Trim())).ShouldBe("hello from the alb");
        (await Cli.RunAsync("local", "url", $"http://{dns}/docs/page?x=1")).Stdout.Trim().ShouldBe(url.Stdout.Trim() + "docs/page?x=1");

        var unknown = await Cli.RunAsync("local", "url", "nowhere-1.us-east-1.elb.amazonaws.com");
        unknown.ExitCode.ShouldBe(2);
        unknown.Stderr.ShouldContain("nowhere-1.us-east-1.elb.amazonaws.com");
        unknown.Stderr.ShouldContain(dns);
    }

    [Fact]
    public async Task Url_TheEcsProgramsUrlOutput_ResolvesToItsLoadBalancersFrontDoor()
    {
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        var dns = (await OutputsAsync())["url"];

        var url = await Cli.RunAsync("local", "url", dns);

        url.ExitCode.ShouldBe(0, url.Stdout + url.Stderr);
        (await Cli.RunAsync("local", "status")).Stdout.ShouldContain($"front:    {dns} -> {url.Stdout.Trim()} (alb)");
        (await Cli.RunAsync("destroy", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        (await Cli.RunAsync("local", "status")).Stdout.ShouldContain("front:    none");
    }
}

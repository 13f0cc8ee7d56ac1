using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Elb;

/// <summary>The ELBv2 calls the load balancer tests make, through the real AWS CLI against a local cloud.</summary>
internal sealed class Elbv2(Uri endpoint)
{
    public async Task<JsonObject> CallAsync(params string[] arguments)
    {
        var result = (await AwsCli.RunAsync(AwsCli.V2, endpoint, ["elbv2", .. arguments])).EnsureSuccess("aws elbv2 " + string.Join(' ', arguments));
        return result.StdOut.Trim().Length == 0 ? [] : (JsonObject)JsonNode.Parse(result.StdOut)!;
    }

    /// <summary>An ALB in two default subnets; returns its ARN and DNS name.</summary>
    public async Task<(string Arn, string DnsName)> CreateLoadBalancerAsync(string name)
    {
        var subnets = await AwsCli.JsonAsync(AwsCli.V2, endpoint, "ec2", "describe-subnets");
        var ids = subnets["Subnets"]!.AsArray().Take(2).Select(s => s!["SubnetId"]!.GetValue<string>()).ToArray();
        var created = await CallAsync(["create-load-balancer", "--name", name, "--subnets", .. ids]);
        var balancer = created["LoadBalancers"]![0]!;
        return (balancer["LoadBalancerArn"]!.GetValue<string>(), balancer["DNSName"]!.GetValue<string>());
    }

    /// <summary>An ip target group checked on <c>/health</c> every 5 s (healthy after 2 passes, unhealthy after 2 failures).</summary>
    public async Task<string> CreateTargetGroupAsync(string name, int port = 80, string deregistrationDelay = "0")
    {
        var vpc = (await AwsCli.JsonAsync(AwsCli.V2, endpoint, "ec2", "describe-vpcs"))["Vpcs"]![0]!["VpcId"]!.GetValue<string>();
        var created = await CallAsync(
            "create-target-group", "--name", name, "--protocol", "HTTP", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--vpc-id", vpc, "--target-type", "ip", "--health-check-path", "/health", "--health-check-interval-seconds", "5",
            "--health-check-timeout-seconds", "2", "--healthy-threshold-count", "2", "--unhealthy-threshold-count", "2", "--matcher", "HttpCode=200-299");
        var arn = created["TargetGroups"]![0]!["TargetGroupArn"]!.GetValue<string>();
        await CallAsync("modify-target-group-attributes", "--target-group-arn", arn, "--attributes", $"Key=deregistration_delay.timeout_seconds,Value={deregistrationDelay}");
        return arn;
    }

    public async Task<string> CreateListenerAsync(string loadBalancerArn, string targetGroupArn, int port = 80)
        => (await CallAsync(
            "create-listener", "--load-balancer-arn", loadBalancerArn, "--protocol", "HTTP", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--default-actions", $"Type=forward,TargetGroupArn={targetGroupArn}"))["Listeners"]![0]!["ListenerArn"]!.GetValue<string>();

    public Task RegisterAsync(string targetGroupArn, params TargetServer[] targets)
        => CallAsync(["register-targets", "--target-group-arn", targetGroupArn, "--targets", .. targets.Select(t => $"Id={t.EndPoint.Address},Port={t.EndPoint.Port}")]);

    /// <summary><c>describe-target-health</c>: target <c>ip:port</c> to (State, Reason, Description).</summary>
    public async Task<Dictionary<string, (string State, string? Reason, string? Description)>> HealthAsync(string targetGroupArn)
    {
        var described = await CallAsync("describe-target-health", "--target-group-arn", targetGroupArn);
        return described["TargetHealthDescriptions"]!.AsArray().ToDictionary(
            d => $"{d!["Target"]!["Id"]}:{d["Target"]!["Port"]}",
            d => (d!["TargetHealth"]!["State"]!.GetValue<string>(), d["TargetHealth"]!["Reason"]?.GetValue<string>(), d["TargetHealth"]!["Description"]?.GetValue<string>()));
    }

    /// <summary>Polls <c>describe-target-health</c> until every target is in <paramref name="state"/> (60 s at most).</summary>
    public async Task<Dictionary<string, (string State, string? Reason, string? Description)>> WaitForStateAsync(string targetGroupArn, string state, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var health = await HealthAsync(targetGroupArn);
            if (health.Count == count && health.Values.All(h => h.State == state))
            {
                return health;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"targets never all became {state}: {string.Join(", ", health)}");
            await Task.Delay(500);
        }
    }
}

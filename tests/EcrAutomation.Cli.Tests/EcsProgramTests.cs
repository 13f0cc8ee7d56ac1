using System.Diagnostics;
using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The seed's ECS step through the CLI against the local cloud (moto behind it for ECS, ELBv2, EC2, IAM, Logs).</summary>
public sealed class EcsProgramTests() : LocalCloudProgramTest("ecs")
{
    [Fact]
    public async Task Up_WholeTree_NoOp_AppEditUpdatesImageTaskDefinitionAndServiceOnly_DestroyRemovesAll()
    {
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        foreach (var type in new[] { "aws:ecs:Cluster", "awsx:lb:ApplicationLoadBalancer", "aws:lb:Listener", "awsx:ecs:FargateService", "aws:ecs:TaskDefinition", "aws:ecs:Service", "aws:iam:Role" })
            up.Stdout.ShouldContain(type);
        (await OutputsAsync())["url"].ShouldEndWith(".elb.amazonaws.com");

        (await Cli.RunAsync("up", "--stack", "dev", "--yes")).Stdout.ShouldContain("21 unchanged");

        File.AppendAllText(Path.Combine(Cli.ProjectDir, "app", "www", "index.html"), "\n<!-- v2 -->\n");
        var events = (await Cli.RunAsync("up", "--stack", "dev", "--yes", "--json")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var changed = events.Where(e => e.TryGetProperty("resOutputsEvent", out _))
            .Select(e => e.GetProperty("resOutputsEvent").GetProperty("metadata"))
            .Where(m => m.GetProperty("op").GetString() is not "same")
            .Select(m => (Op: m.GetProperty("op").GetString(), Type: m.GetProperty("type").GetString())).Distinct().ToList();
        changed.Select(c => c.Type).Distinct().Order().ShouldBe(["aws:ecs/service:Service", "aws:ecs/taskDefinition:TaskDefinition", "docker-build:index:Image"]);

        (await Cli.RunAsync("destroy", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        // moto keeps deleted clusters in list-clusters (AWS does not); what matters is that none is ACTIVE.
        var clusters = JsonSerializer.Deserialize<string[]>(await AwsAsync("ecs", "list-clusters", "--query", "clusterArns"))!;
        if (clusters.Length > 0)
            (await AwsAsync(["ecs", "describe-clusters", "--query", "clusters[?status=='ACTIVE'].clusterName", "--clusters", .. clusters])).Trim().ShouldBe("[]");
        (await AwsAsync("iam", "list-roles", "--query", "Roles[].RoleName")).ShouldNotContain("service-");
        (await AwsAsync("elbv2", "describe-load-balancers", "--query", "LoadBalancers[].LoadBalancerName")).Trim().ShouldBe("[]");
        (await AwsAsync("ecr", "describe-repositories", "--query", "repositories[].repositoryName")).Trim().ShouldBe("[]");
    }
}

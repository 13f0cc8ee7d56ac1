using System.Diagnostics;
using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The seed's ECS step through the CLI against the local cloud (moto behind it for ECS, ELBv2, EC2, IAM, Logs).</summary>
public sealed class EcsProgramTests : IAsyncLifetime
{
    private readonly CliRunner _cli = new("config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: ecs\n");

    public Task InitializeAsync()
    {
        _cli.Environment["ECR_AUTOMATION_LOCAL_PORT"] = "0";
        DemoApp.CopyTo(_cli.ProjectDir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cli.RunAsync("local", "stop");
        _cli.Dispose();
    }

    [Fact]
    public async Task Up_WholeTree_NoOp_AppEditUpdatesImageTaskDefinitionAndServiceOnly_DestroyRemovesAll()
    {
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        foreach (var type in new[] { "aws:ecs:Cluster", "awsx:lb:ApplicationLoadBalancer", "aws:lb:Listener", "awsx:ecs:FargateService", "aws:ecs:TaskDefinition", "aws:ecs:Service", "aws:iam:Role" })
            up.Stdout.ShouldContain(type);
        var outputs = JsonSerializer.Deserialize<Dictionary<string, string>>((await _cli.RunAsync("outputs", "--stack", "dev", "--json")).Stdout)!;
        outputs["url"].ShouldEndWith(".elb.amazonaws.com");

        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).Stdout.ShouldContain("23 unchanged");

        File.AppendAllText(Path.Combine(_cli.ProjectDir, "app", "www", "index.html"), "\n<!-- v2 -->\n");
        var events = (await _cli.RunAsync("up", "--stack", "dev", "--yes", "--json")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var changed = events.Where(e => e.TryGetProperty("resOutputsEvent", out _))
            .Select(e => e.GetProperty("resOutputsEvent").GetProperty("metadata"))
            .Where(m => m.GetProperty("op").GetString() is not "same")
            .Select(m => (Op: m.GetProperty("op").GetString(), Type: m.GetProperty("type").GetString())).Distinct().ToList();
        changed.Select(c => c.Type).Distinct().Order().ShouldBe(["aws:ecs/service:Service", "aws:ecs/taskDefinition:TaskDefinition", "docker-build:index:Image"]);

        var status = await _cli.RunAsync("local", "status");
        var endpoint = status.Stdout.Split('\n').First(l => l.StartsWith("endpoint:")).Split(' ', 2)[1].Trim();
        (await _cli.RunAsync("destroy", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        // moto keeps deleted clusters in list-clusters (AWS does not); what matters is that none is ACTIVE.
        var clusters = JsonSerializer.Deserialize<string[]>(await Aws(endpoint, "ecs", "list-clusters", "--query", "clusterArns"))!;
        if (clusters.Length > 0)
            (await Aws(endpoint, ["ecs", "describe-clusters", "--query", "clusters[?status=='ACTIVE'].clusterName", "--clusters", .. clusters])).Trim().ShouldBe("[]");
        (await Aws(endpoint, "iam", "list-roles", "--query", "Roles[].RoleName")).ShouldNotContain("service-");
        (await Aws(endpoint, "elbv2", "describe-load-balancers", "--query", "LoadBalancers[].LoadBalancerName")).Trim().ShouldBe("[]");
        (await Aws(endpoint, "ecr", "describe-repositories", "--query", "repositories[].repositoryName")).Trim().ShouldBe("[]");
    }

    private async Task<string> Aws(string endpoint, params string[] args)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint);
        foreach (var (k, v) in _cli.Environment) start.Environment[k] = v;
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var p = Process.Start(start) ?? throw new InvalidOperationException("the AWS CLI ('aws') is required for this test");
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output;
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The README's main command on a fresh state root: the repository program against an auto-started local cloud.</summary>
public sealed class RepositoryProgramTests : IAsyncLifetime
{
    private readonly CliRunner _cli = new("config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: repository\n");

    public Task InitializeAsync()
    {
        _cli.Environment["ECR_AUTOMATION_LOCAL_PORT"] = "0"; // any free port, so tests never collide with a user's 4566
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cli.RunAsync("local", "stop");
        _cli.Dispose();
    }

    [Fact]
    public async Task Up_StartsLocalCloud_CreatesSeedTree_NoOpThenDestroyRemovesRepository()
    {
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        up.Stdout.ShouldContain("Starting the local cloud");
        foreach (var row in new[] { "pulumi:pulumi:Stack", "awsx:ecr:Repository", "aws:ecr:Repository", "aws:ecr:LifecyclePolicy", "+ 4 created", "Duration:" })
            up.Stdout.ShouldContain(row);

        var status = await _cli.RunAsync("local", "status");
        status.ExitCode.ShouldBe(0);
        var endpoint = status.Stdout.Split('\n').First(l => l.StartsWith("endpoint:")).Split(' ', 2)[1].Trim();

        var outputs = await _cli.RunAsync("outputs", "--stack", "dev", "--json");
        string url;
        using (var doc = JsonDocument.Parse(outputs.Stdout)) url = doc.RootElement.GetProperty("url").GetString()!;
        var repository = url.Split('/', 2)[1];
        (await Aws("ecr", "describe-repositories", "--repository-names", repository, endpoint)).ShouldContain(repository);

        var again = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        again.Stdout.ShouldContain("4 unchanged");

        var destroy = await _cli.RunAsync("destroy", "--stack", "dev", "--yes");
        destroy.ExitCode.ShouldBe(0, destroy.Stdout + destroy.Stderr);
        (await Aws("ecr", "describe-repositories", "--query", "repositories[].repositoryName", endpoint)).ShouldNotContain(repository);
    }

    private async Task<string> Aws(params string[] args)
    {
        var endpoint = args[^1];
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args[..^1]) start.ArgumentList.Add(a);
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

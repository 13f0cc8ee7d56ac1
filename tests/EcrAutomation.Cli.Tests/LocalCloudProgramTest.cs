using System.Diagnostics;
using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// A CLI test of one of the host's programs against the local cloud the CLI starts on demand (on a free port, so tests
/// never collide with a user's 4566), with its own copy of the demo app; stops the local cloud afterwards.
/// </summary>
public abstract class LocalCloudProgramTest(string program) : IAsyncLifetime
{
    protected CliRunner Cli { get; } = new($"config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: {program}\n");

    public Task InitializeAsync()
    {
        Cli.Environment["ECR_AUTOMATION_LOCAL_PORT"] = "0";
        // The local cloud runs the program's tasks: an up waits for them to be healthy, a roll or destroy for old ones to stop.
        Cli.Timeout = TimeSpan.FromMinutes(6);
        DemoApp.CopyTo(Cli.ProjectDir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Cli.RunAsync("local", "stop");
        Cli.Dispose();
    }

    protected async Task<Dictionary<string, string>> OutputsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>((await Cli.RunAsync("outputs", "--stack", "dev", "--json")).Stdout)!;

    protected async Task<string> EndpointAsync()
    {
        var status = await Cli.RunAsync("local", "status");
        status.ExitCode.ShouldBe(0, status.Stdout + status.Stderr);
        return status.Stdout.Split('\n').First(l => l.StartsWith("endpoint:")).Split(' ', 2)[1].Trim();
    }

    /// <summary>Runs the AWS CLI against the local cloud.</summary>
    protected async Task<string> AwsAsync(params string[] args)
    {
        var endpoint = await EndpointAsync();
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint);
        foreach (var (k, v) in Cli.Environment) start.Environment[k] = v;
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var p = Process.Start(start) ?? throw new InvalidOperationException("the AWS CLI ('aws') is required for this test");
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output;
    }
}

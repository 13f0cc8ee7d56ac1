using System.Diagnostics;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>Ctrl+C (SIGINT) during an update: the engine's grace period is honoured and everything ends cleanly.</summary>
public sealed class CancelCommandTests : IAsyncLifetime
{
    private readonly CliRunner _cli = new("config:\n  ecr-automation:program: repository\n");
    private LocalCloudServer _cloud = null!;
    private HoldingProxy _proxy = null!;

    public async Task InitializeAsync()
    {
        _cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = Path.Combine(_cli.Root, "cloud"), StartMoto = false, WriteStateFile = false });
        _proxy = await HoldingProxy.StartAsync(_cloud.Endpoint, "CreateRepository");
        File.AppendAllText(Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.dev.yaml"), $"  aws:endpoint: {_proxy.Endpoint}\n");
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _cloud.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public async Task Sigint_WhileACreateIsInFlight_WaitsForIt_ReportsCanceled_ReleasesLockAndCompactsJournal_Exits130()
    {
        InterruptSignal.RestoreDefault();
        var up = _cli.Start("up", "--stack", "dev", "--yes");
        await _proxy.Arrived.WaitAsync(TimeSpan.FromMinutes(2));
        using (var kill = Process.Start("kill", ["-INT", up.Process.Id.ToString()])) await kill.WaitForExitAsync();

        // Hold the create longer than System.CommandLine's 2 s termination timeout: the process must still be there,
        // waiting for the engine, when the create answers.
        await Task.WhenAny(up.Process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(5)));
        up.Process.HasExited.ShouldBeFalse("the CLI ended while a create was still in flight");
        _proxy.Release();
        var result = await up.WaitAsync();

        result.ExitCode.ShouldBe(130, result.Stdout + result.Stderr);
        result.Stderr.ShouldContain("^C received; canceling");
        result.Stdout.ShouldContain("error: update canceled");
        result.Stdout.ShouldMatch(@"\+\s+pulumi:pulumi:Stack\s+cli-test-dev"); // the tree keeps its root
        var stacks = Path.Combine(_cli.Home, ".pulumi", "stacks", "cli-test");
        File.Exists(Path.Combine(stacks, "dev.json.journal")).ShouldBeFalse("the journal was not compacted");
        File.ReadAllText(Path.Combine(stacks, "dev.json")).ShouldContain("aws:ecr/repository:Repository");
        var locks = Path.Combine(_cli.Home, ".pulumi", "locks");
        (Directory.Exists(locks) ? Directory.GetFiles(locks, "*", SearchOption.AllDirectories) : []).ShouldBeEmpty();

        var again = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        again.ExitCode.ShouldBe(0, again.Stdout + again.Stderr);
    }
}

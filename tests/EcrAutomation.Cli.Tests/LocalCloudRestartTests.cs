using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The local cloud the CLI starts on demand outlives what happens to the CLI (Ctrl+C) and to itself (stop + start):
/// a stack's resources in moto stay.
/// </summary>
public sealed class LocalCloudRestartTests() : LocalCloudProgramTest("ecs")
{
    [Fact]
    public async Task EcsStack_LocalStopThenStart_RefreshFindsEveryResource()
    {
        // A fixed port, so repository URLs stay the same across the restart.
        Cli.Environment["ECR_AUTOMATION_LOCAL_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);

        (await Cli.RunAsync("local", "stop")).ExitCode.ShouldBe(0);
        var start = await Cli.RunAsync("local", "start");
        start.ExitCode.ShouldBe(0, start.Stdout + start.Stderr);

        var refresh = await Cli.RunAsync("refresh", "--stack", "dev", "--yes");
        refresh.ExitCode.ShouldBe(0, refresh.Stdout + refresh.Stderr);
        refresh.Stdout.ShouldNotContain("deleted", Case.Insensitive, "every moto resource (roles, security group, cluster, load balancer, ...) is still there");
    }

    [Fact]
    public async Task CtrlCDuringFirstUp_LocalCloudAndMotoKeepRunning()
    {
        // The CLI as run from a terminal: leader of its own process group, which Ctrl+C signals as a whole.
        InterruptSignal.RestoreDefault();
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = Cli.ProjectDir, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "ecr-automation"), "up", "--stack", "dev", "--yes" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ECR_AUTOMATION_HOME"] = Cli.Home;
        start.Environment.Remove("AWS_ENDPOINT_URL");
        foreach (var (key, value) in Cli.Environment)
        {
            start.Environment[key] = value;
        }

        using var up = Process.Start(start)!;
        var stateFile = Path.Combine(Cli.Home, "local-cloud", "local-cloud.json");
        var watch = Stopwatch.StartNew();
        while (!File.Exists(stateFile) && !up.HasExited && watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(50);
        }

        File.Exists(stateFile).ShouldBeTrue("the up started the local cloud");
        using (var kill = Process.Start("kill", ["-INT", "--", $"-{up.Id}"]))
        {
            await kill.WaitForExitAsync();
        }

        await up.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        (await Cli.RunAsync("local", "status")).ExitCode.ShouldBe(0, "the local cloud survived the Ctrl+C");
        (await AwsAsync("sts", "get-caller-identity")).ShouldContain("123456789012", Case.Sensitive, "moto survived the Ctrl+C");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

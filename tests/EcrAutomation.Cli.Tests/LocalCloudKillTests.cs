using System.Diagnostics;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The local cloud killed with SIGKILL while the ECS program's tasks run: its containers outlive it, and the next
/// <c>local start</c> removes them before it runs the service's tasks again; destroy and <c>local stop</c> then leave no
/// container, process, namespace, veth or mount of it on the machine.
/// </summary>
public sealed class LocalCloudKillTests() : LocalCloudProgramTest("ecs")
{
    [Fact(Timeout = 600_000)]
    public async Task KillNineWhileTasksRun_LocalStartRemovesWhatItLeft_DestroyAndStopLeaveNothing()
    {
        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
        var data = Path.Combine(Cli.Home, "local-cloud");
        var prefix = LocalCloudServer.ContainerNamePrefix(data);
        var killed = (await LocalCloudProcess.FindRunningAsync(data)).ShouldNotBeNull("the up started the local cloud");
        var runningBefore = RuncContainers(prefix);
        runningBefore.Count.ShouldBe(2, "the service's two tasks run as containers");

        using (var process = Process.GetProcessById(killed.ProcessId))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        ContainerHygiene.Find(prefix).ShouldNotBeEmpty("a local cloud killed with SIGKILL leaves its tasks running");

        var start = await Cli.RunAsync("local", "start");
        start.ExitCode.ShouldBe(0, start.Stdout + start.Stderr);
        RuncContainers(prefix).ShouldNotContain(id => runningBefore.Contains(id), "the start removed the killed run's containers");

        var destroy = await Cli.RunAsync("destroy", "--stack", "dev", "--yes");
        destroy.ExitCode.ShouldBe(0, destroy.Stdout + destroy.Stderr);
        (await Cli.RunAsync("local", "stop")).ExitCode.ShouldBe(0);
        ContainerHygiene.Find(prefix, Path.Combine(data, "containers")).ShouldBeEmpty();
    }

    private static List<string> RuncContainers(string prefix)
    {
        var list = Process.Start(new ProcessStartInfo("runc", ["list", "--quiet"]) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("runc is required for this test (scripts/install-prerequisites.sh)");
        var ids = list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        list.WaitForExit();
        return [.. ids.Where(id => id.StartsWith(prefix + "-", StringComparison.Ordinal))];
    }
}

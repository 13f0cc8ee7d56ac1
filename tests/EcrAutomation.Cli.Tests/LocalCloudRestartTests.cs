using System.Net;
using System.Net.Sockets;

namespace EcrAutomation.Cli.Tests;

/// <summary>A stack deployed to the local cloud survives `local stop` + `local start`: refresh finds every resource.</summary>
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

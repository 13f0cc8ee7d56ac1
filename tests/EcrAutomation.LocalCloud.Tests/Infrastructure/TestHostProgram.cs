using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>
/// Entry point of the test assembly:
/// <c>dotnet exec EcrAutomation.LocalCloud.Tests.dll serve-local-cloud &lt;data dir&gt; [--moto]</c> runs a local cloud in
/// the foreground, like <c>ecr-automation local serve</c>, so tests can exercise detached start/stop;
/// <c>start-local-cloud &lt;data dir&gt;</c> plays the CLI: starts one (with moto) detached, prints its pid and waits.
/// </summary>
public static class TestHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["serve-local-cloud", var dataDirectory, .. var rest]:
                await ServeAsync(dataDirectory, startMoto: rest is ["--moto"]);
                return 0;
            case ["start-local-cloud", var dataDirectory]:
                var state = await LocalCloudProcess.StartDetachedAsync(ServeCommand(dataDirectory, moto: true), dataDirectory, TimeSpan.FromSeconds(60));
                Console.WriteLine(state.ProcessId);
                await Task.Delay(Timeout.Infinite);
                return 0;
            default:
                Console.Error.WriteLine("usage: serve-local-cloud <data directory> [--moto] | start-local-cloud <data directory>");
                return 2;
        }
    }

    /// <summary>How to run a local cloud in this assembly's host (moto on or off).</summary>
    public static ProcessStartInfo ServeCommand(string dataDirectory, bool moto)
    {
        var startInfo = new ProcessStartInfo("dotnet") { ArgumentList = { "exec", typeof(TestHostProgram).Assembly.Location, "serve-local-cloud", dataDirectory } };
        if (moto)
        {
            startInfo.ArgumentList.Add("--moto");
        }

        return startInfo;
    }

    private static async Task ServeAsync(string dataDirectory, bool startMoto)
    {
        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        await LocalCloudServer.RunAsync(
            new LocalCloudOptions { Port = 0, DataDirectory = dataDirectory, StartMoto = startMoto },
            server => Console.WriteLine(server.Endpoint),
            stop.Token);
    }
}

using System.Runtime.InteropServices;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>
/// Entry point of the test assembly: <c>dotnet exec EcrAutomation.LocalCloud.Tests.dll serve-local-cloud &lt;data dir&gt;</c>
/// runs a local cloud in the foreground, like <c>ecr-automation local serve</c>, so tests can exercise detached start/stop.
/// </summary>
public static class TestHostProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["serve-local-cloud", var dataDirectory])
        {
            Console.Error.WriteLine("usage: serve-local-cloud <data directory>");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        await LocalCloudServer.RunAsync(
            new LocalCloudOptions { Port = 0, DataDirectory = dataDirectory, StartMoto = false },
            server => Console.WriteLine(server.Endpoint),
            stop.Token);
        return 0;
    }
}

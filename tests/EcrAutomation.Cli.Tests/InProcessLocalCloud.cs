using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// A local cloud with moto in the test process, on a free port, without a state file or the lifecycle timer. Unless
/// <c>runContainers</c>, it records ECS services and pods without running them (most of these tests exercise the engine
/// and providers; their images need not run).
/// </summary>
internal static class InProcessLocalCloud
{
    public static Task<LocalCloudServer> StartAsync(string dataDirectory, bool runContainers = false) => LocalCloudServer.StartAsync(new LocalCloudOptions
    {
        Port = 0,
        DataDirectory = dataDirectory,
        StartMoto = true,
        WriteStateFile = false,
        LifecyclePolicyInterval = null,
        RunContainers = runContainers,
    });
}

using System.Diagnostics;
using EcrAutomation.Automation;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Cloud;

/// <summary>
/// Makes a stack that targets the local cloud (stack config <c>ecr-automation:cloud: local</c>) work with no AWS account:
/// reuses a running local cloud or starts one detached, and gives the run the config that points its providers at it.
/// </summary>
internal static class LocalCloudTarget
{
    public const string CloudConfigKey = "ecr-automation:cloud";
    public const int DefaultPort = 4566;

    public static string DataDirectory => Environment.GetEnvironmentVariable("ECR_AUTOMATION_LOCAL_DATA") is { Length: > 0 } d ? d : LocalCloudOptions.DefaultDataDirectory();

    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("ECR_AUTOMATION_LOCAL_PORT"), out var p) ? p : DefaultPort;

    /// <summary>Returns the running local cloud, starting it first when needed.</summary>
    public static async Task<LocalCloudState> EnsureRunningAsync(Action<string> say, CancellationToken cancellationToken)
    {
        var running = await LocalCloudProcess.FindRunningAsync(DataDirectory, cancellationToken);
        if (running is not null) return running;
        say($"Starting the local cloud on port {Port} (data in {DataDirectory})...");
        return await StartDetachedAsync(Port, DataDirectory, cancellationToken);
    }

    public static async Task<LocalCloudState> StartDetachedAsync(int port, string dataDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var self = SelfCommand();
        var log = Path.Combine(dataDirectory, "local-cloud.log");
        // Through a shell so the detached server writes to a log file and holds none of this process's pipes.
        var command = $"exec {self} local serve --port {port} --data {Quote(dataDirectory)} >>{Quote(log)} 2>&1 </dev/null";
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command } };
        return await LocalCloudProcess.StartDetachedAsync(start, dataDirectory, TimeSpan.FromSeconds(30), cancellationToken);
    }

    /// <summary>
    /// The config that points a run's aws providers at the local cloud (endpoint, region and local credentials unless the
    /// stack chooses its own), for that run only: never written to the stack file, never set in the process environment.
    /// </summary>
    public static Dictionary<string, ConfigValue> RunConfig(LocalCloudState state, IReadOnlyDictionary<string, string> stackConfig) =>
        LocalCloudConnection.ProviderConfig(state, stackConfig).ToDictionary(kv => kv.Key, kv => new ConfigValue(kv.Value));

    /// <summary>How to run this same program again: the apphost, or <c>dotnet &lt;dll&gt;</c>.</summary>
    private static string SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = typeof(LocalCloudTarget).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? $"{Quote(process)} {Quote(entry)}" : Quote(process);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}

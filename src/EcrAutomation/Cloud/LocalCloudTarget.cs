using System.Diagnostics;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Host.Cloud;

/// <summary>
/// Makes a stack that targets the local cloud (stack config <c>ecr-automation:cloud: local</c>) work with no AWS account:
/// reuses a running local cloud or starts one detached, then points this process's AWS clients at it.
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

    /// <summary>Points the AWS clients of this process at the local cloud, with local credentials unless real ones are set.</summary>
    public static void UseFor(LocalCloudState state)
    {
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", state.Endpoint.ToString());
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDLOCALCLOUD000000");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "local-cloud-secret");
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))) Environment.SetEnvironmentVariable("AWS_REGION", state.Region);
    }

    /// <summary>How to run this same program again: the apphost, or <c>dotnet &lt;dll&gt;</c>.</summary>
    private static string SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = typeof(LocalCloudTarget).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? $"{Quote(process)} {Quote(entry)}" : Quote(process);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}

using System.Runtime.InteropServices;

namespace EcrAutomation.Workloads;

/// <summary>
/// Whether this machine can run containers the way <see cref="ContainerHost"/> does (Linux, as root, with runc, umoci and
/// ip on PATH, and network namespaces that can be made), and when not, why and how to fix it in one sentence. Callers that
/// cannot run containers keep recording workloads without running them and log <see cref="Reason"/> once.
/// </summary>
public sealed class ContainerSupport
{
    private static readonly string[] RequiredTools = ["runc", "umoci", "ip"];

    private ContainerSupport(bool canRun, string? reason)
    {
        CanRun = canRun;
        Reason = reason;
    }

    /// <summary>Whether containers can run here.</summary>
    public bool CanRun { get; }

    /// <summary>Why containers cannot run and what fixes it, in one sentence; <see langword="null"/> when they can.</summary>
    public string? Reason { get; }

    /// <summary>
    /// Checks this machine: the operating system, the user, the tools on PATH, and that a network namespace can be made
    /// and removed (the last only when everything else is in place).
    /// </summary>
    public static ContainerSupport Probe() => Probe(Environment.GetEnvironmentVariable("PATH"), Environment.IsPrivilegedProcess);

    /// <summary>The probe with the search path and the privilege given, so the decision can be tested on any machine.</summary>
    internal static ContainerSupport Probe(string? searchPath, bool isRoot)
    {
        if (!OperatingSystem.IsLinux())
        {
            return No($"containers run only on Linux (this is {RuntimeInformation.OSDescription}); run the local cloud on a Linux machine to run tasks and pods");
        }

        if (!isRoot)
        {
            return No("containers need root (network namespaces, veth pairs and runc); run the local cloud as root (for example with sudo) to run tasks and pods");
        }

        var missing = RequiredTools.Where(tool => FindOnPath(tool, searchPath) is null).ToList();
        if (missing.Count > 0)
        {
            return No($"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not on PATH; install them with scripts/install-prerequisites.sh (apt-get install runc umoci iproute2) to run tasks and pods");
        }

        var probe = $"ecraprobe{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var added = HostTool.RunAsync("ip", ["netns", "add", probe], CancellationToken.None, check: false).GetAwaiter().GetResult();
        if (added.ExitCode != 0)
        {
            return No($"network namespaces cannot be made here (`ip netns add` said: {added.Stderr.Trim()}); run the local cloud where namespaces are allowed (a privileged container or a VM) to run tasks and pods");
        }

        HostTool.RunAsync("ip", ["netns", "del", probe], CancellationToken.None, check: false).GetAwaiter().GetResult();
        return new ContainerSupport(true, null);
    }

    private static ContainerSupport No(string reason) => new(false, "Containers cannot run: " + reason + ".");

    private static string? FindOnPath(string tool, string? searchPath)
        => (searchPath ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}

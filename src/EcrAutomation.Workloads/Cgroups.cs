using System.Globalization;

namespace EcrAutomation.Workloads;

/// <summary>
/// What the machine's cgroups can enforce (v1 hierarchies or the v2 unified one) and where a container's out-of-memory
/// kills are counted, so an exit by the OOM killer is reported as <c>OOMKilled</c>.
/// </summary>
internal static class Cgroups
{
    private const string Root = "/sys/fs/cgroup";

    private static readonly Lazy<bool> UnifiedOnly = new(() => File.Exists(Path.Combine(Root, "cgroup.controllers")));

    public static bool CanLimitMemory { get; } = Supports("memory", "memory.limit_in_bytes");

    public static bool CanLimitCpu { get; } = Supports("cpu", "cpu.cfs_quota_us");

    /// <summary>
    /// The file counting OOM kills in the memory cgroup of a container, found from its relative cgroups path, which runc
    /// places under the cgroup of the process that runs it (this one's); null when there is none. Not from the container
    /// process's <c>/proc/&lt;pid&gt;/cgroup</c>: a process the OOM killer was quicker than that shows the root cgroup.
    /// </summary>
    public static string? OomCounterOf(string relativeCgroupsPath)
    {
        var suffix = "/" + relativeCgroupsPath;
        string[] lines;
        try
        {
            lines = File.ReadAllLines("/proc/self/cgroup");
        }
        catch (IOException)
        {
            return null;
        }

        foreach (var fields in lines.Select(l => l.Split(':', 3)).Where(f => f.Length == 3))
        {
            var path = fields[2].TrimEnd('/') + suffix;
            if (!UnifiedOnly.Value && fields[1].Split(',').Contains("memory"))
            {
                return Path.Combine(Root, "memory") + path + "/memory.oom_control";
            }

            if (UnifiedOnly.Value && fields[0] == "0")
            {
                return Root + path + "/memory.events";
            }
        }

        return null;
    }

    /// <summary>Reads the <c>oom_kill</c> count of a counter file from <see cref="OomCounterOf"/>; 0 when unreadable.</summary>
    public static long OomKills(string? counterFile)
    {
        if (counterFile is null)
        {
            return 0;
        }

        try
        {
            var line = File.ReadLines(counterFile).FirstOrDefault(l => l.StartsWith("oom_kill ", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["oom_kill ".Length..], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static bool Supports(string controller, string v1File)
        => UnifiedOnly.Value
            ? File.ReadAllText(Path.Combine(Root, "cgroup.controllers")).Split(' ', StringSplitOptions.TrimEntries).Contains(controller)
            : File.Exists(Path.Combine(Root, controller, v1File));
}

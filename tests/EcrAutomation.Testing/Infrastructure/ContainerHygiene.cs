using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>
/// Lists what a container host with a given name prefix left on the machine: runc containers (<c>&lt;prefix&gt;-…</c>),
/// processes in their cgroups (<c>ecr-automation/&lt;prefix&gt;-…</c>) or runc processes naming them, network namespaces
/// (<c>&lt;prefix&gt;-&lt;n&gt;</c>), host veths (<c>&lt;prefix&gt;v&lt;n&gt;</c>), and mounts under the host's state
/// directory. Tests assert the list is empty after stop, after kill -9 and a new start, and at the end.
/// </summary>
public static class ContainerHygiene
{
    /// <summary>Every leftover, one readable line each (<c>process 123 (runc run …)</c>, <c>netns t1a2b3-0</c>…).</summary>
    /// <param name="prefix">The host's <c>NamePrefix</c>.</param>
    /// <param name="stateDirectory">The host's state directory, to find mounts left under it; null skips that check.</param>
    public static IReadOnlyList<string> Find(string prefix, string? stateDirectory = null)
    {
        var leftovers = new List<string>();
        var runcIds = Run("runc", "list", "--quiet").Where(id => id.StartsWith(prefix + "-", StringComparison.Ordinal));
        leftovers.AddRange(runcIds.Select(id => $"runc container {id}"));
        leftovers.AddRange(Processes(prefix).Select(p => $"process {p.Pid} ({p.CommandLine})"));
        var namespacePattern = new Regex($"^{Regex.Escape(prefix)}-[0-9]+$");
        leftovers.AddRange(Run("ip", "netns", "list").Select(l => l.Split(' ')[0]).Where(n => namespacePattern.IsMatch(n)).Select(n => $"netns {n}"));
        var vethPattern = new Regex($"^{Regex.Escape(prefix)}v[0-9]+$");
        leftovers.AddRange(Run("ip", "-o", "link", "show")
            .Select(l => l.Split(':', 3))
            .Where(f => f.Length == 3)
            .Select(f => f[1].Trim().Split('@')[0])
            .Where(n => vethPattern.IsMatch(n))
            .Select(n => $"veth {n}"));
        if (stateDirectory is not null)
        {
            var root = Path.GetFullPath(stateDirectory).TrimEnd('/') + "/";
            leftovers.AddRange(File.ReadLines("/proc/self/mountinfo")
                .Select(l => l.Split(' '))
                .Where(f => f.Length > 4 && f[4].StartsWith(root, StringComparison.Ordinal))
                .Select(f => $"mount {f[4]}"));
        }

        return leftovers;
    }

    /// <summary>Processes of the host's containers (by cgroup) and runc processes naming one of its containers.</summary>
    private static IEnumerable<(int Pid, string CommandLine)> Processes(string prefix)
    {
        var cgroupMarker = $"/ecr-automation/{prefix}-";
        var idPattern = new Regex($"^{Regex.Escape(prefix)}-[0-9]+-");
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            string cgroup;
            string[] commandLine;
            try
            {
                cgroup = File.ReadAllText(Path.Combine(directory, "cgroup"));
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var isRunc = commandLine.Length > 0 && Path.GetFileName(commandLine[0]) == "runc" && commandLine.Any(a => idPattern.IsMatch(a));
            if (isRunc || cgroup.Contains(cgroupMarker, StringComparison.Ordinal))
            {
                yield return (pid, string.Join(' ', commandLine));
            }
        }
    }

    private static IEnumerable<string> Run(string file, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace EcrAutomation.Benchmarks.Tool;

/// <summary>
/// The <c>tool</c> benchmark: how fast the installed <c>ecr-automation</c> tool starts. Installs the packed tool (from
/// <c>artifacts/packages</c>, which scripts/pack.sh writes) with <c>dotnet tool install --tool-path</c>, deploys the seed's
/// repository stack to the local cloud once, then times whole processes: a no-op <c>up</c> of that stack and
/// <c>--help</c>. Prints, as its last line, <c>{"runs":N,"tool_noop_s":..,"tool_noop_cpu_s":..,"tool_help_s":..}</c>
/// (medians; the CPU figure is user+system time of the tool process, which a loaded machine inflates less than wall time).
/// Options: <c>--runs N</c> (default 15), <c>--feed DIR</c> (default the repository's artifacts/packages).
/// </summary>
public static class ToolBenchmark
{
    /// <summary>Runs the benchmark and prints its result; 2 when the feed holds no packed tool.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var runs = BenchmarkArguments.Int(args, "--runs", 15);
        var feed = ToolInstall.Feed(BenchmarkArguments.String(args, "--feed"));
        if (ToolInstall.PackedVersion(feed) is not { } version)
        {
            await Console.Error.WriteLineAsync($"The tool benchmark installs the packed tool from {feed}, which has no {ToolInstall.ToolName} package: run scripts/pack.sh first (or pass --feed DIR).").ConfigureAwait(false);
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("ecra-tool-bench-").FullName;
        var tool = new ToolProcess(Path.Combine(work, "tool", ToolInstall.ToolName), Path.Combine(work, "project"), Path.Combine(work, "home"));
        try
        {
            await ToolInstall.InstallAsync(feed, version, work).ConfigureAwait(false);
            CreateProject(tool.ProjectDirectory);
            await tool.RunAsync("up", "--stack", "dev", "--yes").ConfigureAwait(false);
            var noop = new List<Sample>();
            var help = new List<Sample>();
            await tool.RunAsync("up", "--stack", "dev", "--yes").ConfigureAwait(false); // warm the file cache
            for (var i = 0; i < runs; i++)
            {
                var (sample, output) = await tool.RunAsync("up", "--stack", "dev", "--yes").ConfigureAwait(false);
                if (!output.Contains("4 unchanged", StringComparison.Ordinal)) throw new InvalidOperationException($"The second up was not a no-op:\n{output}");
                noop.Add(sample);
                help.Add((await tool.RunAsync("--help").ConfigureAwait(false)).Sample);
            }
            await tool.RunAsync("destroy", "--stack", "dev", "--yes").ConfigureAwait(false);

            var noopSeconds = Median(noop.Select(s => s.WallSeconds));
            var noopCpuSeconds = Median(noop.Select(s => s.CpuSeconds));
            var helpSeconds = Median(help.Select(s => s.WallSeconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tool {version}, {runs} runs: no-op up median {noopSeconds:F3} s (min {noop.Min(s => s.WallSeconds):F3}, max {noop.Max(s => s.WallSeconds):F3}; CPU {noopCpuSeconds:F3} s), --help median {helpSeconds:F3} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"runs\":{runs},\"tool_noop_s\":{Math.Round(noopSeconds, 3)},\"tool_noop_cpu_s\":{Math.Round(noopCpuSeconds, 3)},\"tool_help_s\":{Math.Round(helpSeconds, 3)}}}"));
            return 0;
        }
        finally
        {
            if (File.Exists(tool.Executable)) await tool.TryRunAsync("local", "stop").ConfigureAwait(false);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A project folder with the seed's repository stack on the local cloud (as in stacks/Pulumi.dev.yaml).</summary>
    private static void CreateProject(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "stacks"));
        File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), "name: ecr-automation\nruntime: dotnet\nstackConfigDir: stacks\n");
        File.WriteAllText(Path.Combine(directory, "stacks", "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: repository\n");
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private readonly record struct Sample(double WallSeconds, double CpuSeconds);

    /// <summary>Runs the installed tool in the project folder with offline settings: fake AWS credentials, its own home, a free local-cloud port.</summary>
    private sealed record ToolProcess(string Executable, string ProjectDirectory, string Home)
    {
        public async Task<(Sample Sample, string Output)> RunAsync(params string[] args)
        {
            var start = new ProcessStartInfo(Executable) { WorkingDirectory = ProjectDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["ECR_AUTOMATION_HOME"] = Home;
            start.Environment["ECR_AUTOMATION_LOCAL_PORT"] = "0";
            start.Environment["PULUMI_CONFIG_PASSPHRASE"] = "tool-benchmark";
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDTESTFAKE00000000";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "test-secret-not-real";
            start.Environment["AWS_REGION"] = "us-east-1";
            start.Environment.Remove("AWS_ENDPOINT_URL");
            var cpuBefore = ChildrenCpuSeconds();
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            var wall = watch.Elapsed.TotalSeconds;
            var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
            if (process.ExitCode != 0) throw new InvalidOperationException($"{ToolInstall.ToolName} {string.Join(' ', args)} exited with {process.ExitCode}:\n{text}");
            return (new Sample(wall, ChildrenCpuSeconds() - cpuBefore), text);
        }

        public async Task TryRunAsync(params string[] args)
        {
            try { await RunAsync(args).ConfigureAwait(false); }
            catch (InvalidOperationException) { }
        }
    }

    /// <summary>User plus system CPU time of this process's waited-for children (getrusage RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpuSeconds()
    {
        if (GetResourceUsage(-1, out var usage) != 0) return double.NaN;
        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [DllImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>Linux's <c>struct rusage</c> (144 bytes on 64-bit): the two CPU times, then counters this benchmark does not read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}

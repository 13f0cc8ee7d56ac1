using System.Diagnostics;
using System.Globalization;
using System.Text;
using EcrAutomation.Benchmarks.Tool;

namespace EcrAutomation.Benchmarks.Yaml;

/// <summary>
/// The <c>yaml</c> benchmark: how soon a YAML program's preview reaches its providers. Writes a project whose Pulumi.yaml
/// (<c>runtime: yaml</c>) holds <c>--resources N</c> (default 200) random resources, half of them keeping another's
/// output, then times whole <c>ecr-automation preview --json</c> processes from their start to the first engine event of
/// a resource step (the engine emits it right after that resource's provider Check, so it bounds the first provider call
/// from above), and, to show where start-up time goes, to the prelude event (the CLI started, the program was read and
/// checked, the state was read) and a whole <c>--help</c> process (the runtime and the command line alone).
/// Prints, as its last line, <c>{"resources":N,"runs":R,"first_provider_call_ms":..,"prelude_ms":..,"help_ms":..,"preview_s":..}</c> (medians).
/// Options: <c>--runs R</c> (default 15); <c>--exe PATH</c> times that executable (e.g. the build output), else the tool is
/// installed from <c>--feed DIR</c> (default artifacts/packages, which scripts/pack.sh writes) as the <c>tool</c> benchmark does.
/// </summary>
public static class YamlStartupBenchmark
{
    /// <summary>Runs the benchmark and prints its result; 2 when there is no tool to time.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var resources = BenchmarkArguments.Int(args, "--resources", 200);
        var runs = BenchmarkArguments.Int(args, "--runs", 15);
        var work = Directory.CreateTempSubdirectory("ecra-yaml-bench-").FullName;
        try
        {
            var exe = BenchmarkArguments.String(args, "--exe") is { } given ? Path.GetFullPath(given) : await InstallAsync(BenchmarkArguments.String(args, "--feed"), work).ConfigureAwait(false);
            if (exe is null) return 2;
            var project = Path.Combine(work, "project");
            WriteProject(project, resources);
            var cli = new Cli(exe, project, Path.Combine(work, "home"));

            await cli.PreviewAsync().ConfigureAwait(false); // creates the stack from Pulumi.dev.yaml and warms the file cache
            var samples = new List<Sample>();
            var help = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                samples.Add(await cli.PreviewAsync().ConfigureAwait(false));
                help.Add(await cli.HelpAsync().ConfigureAwait(false));
            }

            var firstCall = ToolBenchmark.Median(samples.Select(s => s.FirstStepMs));
            var prelude = ToolBenchmark.Median(samples.Select(s => s.PreludeMs));
            var helpMs = ToolBenchmark.Median(help);
            var preview = ToolBenchmark.Median(samples.Select(s => s.TotalSeconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(exe)}, {resources} resources, {runs} runs: first provider call after {firstCall:F0} ms (min {samples.Min(s => s.FirstStepMs):F0}, max {samples.Max(s => s.FirstStepMs):F0}), prelude {prelude:F0} ms, --help {helpMs:F0} ms, whole preview {preview:F2} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"resources\":{resources},\"runs\":{runs},\"first_provider_call_ms\":{Math.Round(firstCall)},\"prelude_ms\":{Math.Round(prelude)},\"help_ms\":{Math.Round(helpMs)},\"preview_s\":{Math.Round(preview, 3)}}}"));
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string?> InstallAsync(string? feedOption, string work)
    {
        var feed = ToolInstall.Feed(feedOption);
        if (ToolInstall.PackedVersion(feed) is not { } version)
        {
            await Console.Error.WriteLineAsync($"The yaml benchmark times the packed tool from {feed}, which has no {ToolInstall.ToolName} package: run scripts/pack.sh first, pass --feed DIR, or --exe PATH.").ConfigureAwait(false);
            return null;
        }
        await ToolInstall.InstallAsync(feed, version, work).ConfigureAwait(false);
        return Path.Combine(work, "tool", ToolInstall.ToolName);
    }

    /// <summary>
    /// A YAML project of <paramref name="count"/> random resources (ids and strings of varied sizes; every other one keeps
    /// an earlier one's output, so the program has references to resolve and order), with a local stack and no cloud.
    /// </summary>
    internal static void WriteProject(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(14);
        var yaml = new StringBuilder("name: yaml-bench\nruntime: yaml\nresources:\n");
        for (var i = 0; i < count; i++)
        {
            var isId = i % 2 == 0;
            yaml.Append(CultureInfo.InvariantCulture, $"  r{i}:\n    type: {(isId ? "random:RandomId" : "random:RandomString")}\n    properties:\n");
            if (isId) yaml.Append(CultureInfo.InvariantCulture, $"      byteLength: {random.Next(4, 9)}\n");
            else yaml.Append(CultureInfo.InvariantCulture, $"      length: {random.Next(8, 17)}\n      special: false\n");
            if (i > 0 && random.Next(2) == 0)
            {
                var earlier = random.Next(i);
                yaml.Append(CultureInfo.InvariantCulture, $"      keepers:\n        previous: ${{r{earlier}.{(earlier % 2 == 0 ? "hex" : "result")}}}\n");
            }
        }
        yaml.Append(CultureInfo.InvariantCulture, $"outputs:\n  first: ${{r0.hex}}\n  last: ${{r{count - 1}.{((count - 1) % 2 == 0 ? "hex" : "result")}}}\n");
        File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), yaml.ToString());
        File.WriteAllText(Path.Combine(directory, "Pulumi.dev.yaml"), "config: {}\n");
    }

    private readonly record struct Sample(double FirstStepMs, double PreludeMs, double TotalSeconds);

    /// <summary>Runs the tool in the project folder with its own home and fake AWS settings (nothing here reaches AWS).</summary>
    private sealed record Cli(string Executable, string ProjectDirectory, string Home)
    {
        public async Task<Sample> PreviewAsync()
        {
            double? firstStep = null, prelude = null;
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(Start("preview", "--stack", "dev", "--json"))!;
            var error = process.StandardError.ReadToEndAsync();
            var output = new StringBuilder();
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var at = watch.Elapsed.TotalMilliseconds;
                prelude ??= line.Contains("\"preludeEvent\"", StringComparison.Ordinal) ? at : null;
                firstStep ??= line.Contains("\"resourcePreEvent\"", StringComparison.Ordinal) && line.Contains("\"random:", StringComparison.Ordinal) ? at : null;
                output.AppendLine(line);
            }
            await process.WaitForExitAsync().ConfigureAwait(false);
            var total = watch.Elapsed.TotalSeconds;
            if (process.ExitCode != 0 || firstStep is null || prelude is null)
                throw new InvalidOperationException($"preview exited with {process.ExitCode} (first step seen: {firstStep is not null}, prelude seen: {prelude is not null}):\n{output}\n{await error.ConfigureAwait(false)}");
            return new Sample(firstStep.Value, prelude.Value, total);
        }

        public async Task<double> HelpAsync()
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(Start("--help"))!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            await Task.WhenAll(output, error).ConfigureAwait(false);
            return watch.Elapsed.TotalMilliseconds;
        }

        private ProcessStartInfo Start(params string[] args)
        {
            var start = new ProcessStartInfo(Executable) { WorkingDirectory = ProjectDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["ECR_AUTOMATION_HOME"] = Home;
            start.Environment["PULUMI_CONFIG_PASSPHRASE"] = "yaml-benchmark";
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDTESTFAKE00000000";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "test-secret-not-real";
            start.Environment["AWS_REGION"] = "us-east-1";
            start.Environment.Remove("AWS_ENDPOINT_URL");
            return start;
        }
    }
}

using System.Diagnostics;

namespace EcrAutomation.Cli.Tests;

/// <summary>Runs the real <c>ecr-automation</c> executable in a temporary project folder with its own state root.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner(string stackConfig = "config:\n  ecr-automation:program: sample\n")
    {
        Root = Directory.CreateTempSubdirectory("ecra-cli-").FullName;
        ProjectDir = Directory.CreateDirectory(Path.Combine(Root, "project")).FullName;
        Home = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
        File.WriteAllText(Path.Combine(ProjectDir, "Pulumi.yaml"), "name: cli-test\nruntime: dotnet\nstackConfigDir: stacks\n");
        Directory.CreateDirectory(Path.Combine(ProjectDir, "stacks"));
        File.WriteAllText(Path.Combine(ProjectDir, "stacks", "Pulumi.dev.yaml"), stackConfig);
    }

    public string Root { get; }
    public string ProjectDir { get; }
    public string Home { get; }
    public Dictionary<string, string> Environment { get; } = new()
    {
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_ACCESS_KEY_ID"] = "AKIDTESTFAKE00000000",
        ["AWS_SECRET_ACCESS_KEY"] = "test-secret-not-real",
        ["AWS_REGION"] = "us-east-1",
        ["PULUMI_CONFIG_PASSPHRASE"] = "cli-test",
    };

    /// <summary>How long one CLI run may take before the test fails (long for programs that create clusters).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Environment variables removed from the CLI's environment.</summary>
    public HashSet<string> Unset { get; } = [];

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public async Task<Result> RunAsync(params string[] args) => await Start(args).WaitAsync(Timeout);

    /// <summary>A running CLI process; its output is collected until it exits.</summary>
    public sealed class Running(Process process) : IDisposable
    {
        private readonly Task<string> _stdout = process.StandardOutput.ReadToEndAsync();
        private readonly Task<string> _stderr = process.StandardError.ReadToEndAsync();

        public Process Process => process;

        public async Task<Result> WaitAsync(TimeSpan? within = null)
        {
            using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            var result = new Result(process.ExitCode, await _stdout, await _stderr);
            process.Dispose();
            return result;
        }

        public void Dispose() => process.Dispose();
    }

    public Running Start(params string[] args) => new(StartProcess(args));

    /// <summary>Starts the CLI without reading its output (for tests that read it as it comes); the caller reads and disposes it.</summary>
    public Process StartProcess(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ecr-automation"))
        {
            WorkingDirectory = ProjectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ECR_AUTOMATION_HOME"] = Home;
        start.Environment.Remove("AWS_ENDPOINT_URL");
        foreach (var (k, v) in Environment) start.Environment[k] = v;
        foreach (var k in Unset) start.Environment.Remove(k);
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

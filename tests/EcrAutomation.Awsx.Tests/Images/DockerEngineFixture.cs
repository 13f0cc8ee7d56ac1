using System.Diagnostics;
using System.Globalization;

namespace EcrAutomation.Awsx.Tests.Images;

/// <summary>The result of running a tool.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// A private Docker engine (Debian docker.io): vfs storage, no bridge or iptables, its own socket in a temp folder.
/// Fails loudly when dockerd or the docker client is missing.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    private Process? _process;

    public string Root { get; } = Directory.CreateTempSubdirectory("awsx-dockerd-").FullName;

    public string Host => $"unix://{Root}/docker.sock";

    private string ConfigDirectory => Path.Combine(Root, "client");

    public async Task InitializeAsync()
    {
        TestEnvironment.Apply();
        var dockerd = Require("dockerd");
        Require("docker");
        Directory.CreateDirectory(ConfigDirectory);
        var start = new ProcessStartInfo(dockerd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
                     "--data-root", $"{Root}/data", "--exec-root", $"{Root}/exec", "-H", Host, "--pidfile", $"{Root}/pid",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dockerd did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited) throw new InvalidOperationException($"dockerd exited with code {_process.ExitCode} (it needs root)");
            if (File.Exists(Path.Combine(Root, "docker.sock")) && (await DockerAsync("version")).ExitCode == 0) return;
            await Task.Delay(100);
        }

        throw new TimeoutException("dockerd did not answer within 30 s");
    }

    /// <summary>Runs the docker client against this engine.</summary>
    public Task<ToolResult> DockerAsync(params string[] arguments) => DockerWithInputAsync(null, arguments);

    public Task<ToolResult> DockerWithInputAsync(string? stdin, params string[] arguments) =>
        RunAsync(Require("docker"), ["--config", ConfigDirectory, .. arguments], stdin, new Dictionary<string, string> { ["DOCKER_HOST"] = Host });

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGTERM lets dockerd stop its containerd child; a kill of our own process tree only as a fallback.
            await RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], null, null);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }

        _process?.Dispose();
        // dockerd leaves its default network namespace mounted under the exec root; unmount it so nothing leaks.
        var netns = Path.Combine(Root, "exec", "netns", "default");
        if (File.Exists(netns)) await RunAsync("/bin/umount", [netns], null, null);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>The full path of a tool, or a loud failure saying how to install it.</summary>
    public static string Require(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin", "/usr/bin"]))
        {
            var path = Path.Combine(dir, tool);
            if (File.Exists(path)) return path;
        }

        throw new InvalidOperationException($"'{tool}' is not installed; the Docker engine tests need it. Install Debian's docker.io (scripts/install-prerequisites.sh).");
    }

    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, string? stdin, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = stdin is not null };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }
}

using System.Diagnostics;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>A private Docker engine (Debian docker.io) with vfs storage and no networking setup, in a temp folder.</summary>
public sealed class DockerEngine : IAsyncDisposable
{
    private readonly Process _process;

    private DockerEngine(Process process, string root)
    {
        _process = process;
        Root = root;
    }

    public string Root { get; }

    public string Host => $"unix://{Root}/docker.sock";

    public string ConfigDirectory => Path.Combine(Root, "client");

    public static async Task<DockerEngine> StartAsync()
    {
        var dockerd = Tool.Require("dockerd", "docker.io");
        Tool.Require("docker", "docker.io");
        var root = Directory.CreateTempSubdirectory("dockerd-").FullName;
        var startInfo = new ProcessStartInfo(dockerd) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
                     "--data-root", $"{root}/data", "--exec-root", $"{root}/exec", "-H", $"unix://{root}/docker.sock", "--pidfile", $"{root}/pid",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var engine = new DockerEngine(process, root);
        Directory.CreateDirectory(engine.ConfigDirectory);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"dockerd exited with code {process.ExitCode}");
            }

            if (File.Exists(Path.Combine(root, "docker.sock")) && (await engine.RunAsync("version")).ExitCode == 0)
            {
                return engine;
            }

            await Task.Delay(100);
        }

        await engine.DisposeAsync();
        throw new TimeoutException("dockerd did not start within 30 s");
    }

    public Task<ToolResult> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    public Task<ToolResult> RunWithInputAsync(string? stdin, params string[] arguments)
        => Tool.RunAsync(
            Tool.Require("docker", "docker.io"),
            ["--config", ConfigDirectory, .. arguments],
            stdin,
            new Dictionary<string, string> { ["DOCKER_HOST"] = Host },
            TimeSpan.FromSeconds(120));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets dockerd stop its containerd child; SIGKILL only as a fallback.
            await Tool.RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>
/// A private Docker engine (Debian docker.io): vfs storage, no bridge or iptables, its own socket, data and exec roots in
/// a temp folder. Needs root. Dispose stops it (SIGTERM, then a kill), unmounts its network namespace and deletes the folder.
/// </summary>
public sealed class DockerEngineProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _docker;

    private DockerEngineProcess(Process process, string root, string docker)
    {
        _process = process;
        _docker = docker;
        Root = root;
    }

    /// <summary>The temp folder holding the socket, data and exec roots.</summary>
    public string Root { get; }

    /// <summary>The engine's <c>DOCKER_HOST</c>: <c>unix://Root/docker.sock</c>.</summary>
    public string Host => $"unix://{Root}/docker.sock";

    /// <summary>The docker client's config folder (credentials of <c>docker login</c> land here, not in ~/.docker).</summary>
    public string ConfigDirectory => Path.Combine(Root, "client");

    /// <summary>Starts dockerd and waits until <c>docker version</c> answers; fails loudly when docker.io is missing.</summary>
    /// <param name="tempPrefix">The prefix of the temp folder name.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<DockerEngineProcess> StartAsync(string tempPrefix = "dockerd-", CancellationToken cancellationToken = default)
    {
        var dockerd = ExternalTool.Require("dockerd", "docker.io");
        var docker = ExternalTool.Require("docker", "docker.io");
        var root = Directory.CreateTempSubdirectory(tempPrefix).FullName;
        Directory.CreateDirectory(Path.Combine(root, "client"));
        var process = BackgroundProcess.Start(
            dockerd,
            [
                "--storage-driver", "vfs", "--iptables=false", "--ip6tables=false", "--bridge=none",
                "--data-root", $"{root}/data", "--exec-root", $"{root}/exec", "-H", $"unix://{root}/docker.sock", "--pidfile", $"{root}/pid",
            ]);
        var engine = new DockerEngineProcess(process, root, docker);
        try
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < StartTimeout)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"dockerd exited with code {process.ExitCode} (it needs root)");
                }

                if (File.Exists(Path.Combine(root, "docker.sock")) && (await engine.RunAsync("version").ConfigureAwait(false)).ExitCode == 0)
                {
                    return engine;
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            throw new TimeoutException($"dockerd did not answer within {StartTimeout.TotalSeconds:0} s");
        }
        catch
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs the docker client against this engine.</summary>
    public Task<ToolResult> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    /// <summary>Runs the docker client against this engine with <paramref name="stdin"/> as its input.</summary>
    public Task<ToolResult> RunWithInputAsync(string? stdin, params string[] arguments) =>
        ExternalTool.RunAsync(
            _docker,
            ["--config", ConfigDirectory, .. arguments],
            stdin,
            new Dictionary<string, string> { ["DOCKER_HOST"] = Host },
            TimeSpan.FromSeconds(120));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets dockerd stop its containerd child; a kill of our own process tree only as a fallback.
            await ExternalTool.RunAsync("/bin/kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]).ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();

        // dockerd leaves its default network namespace mounted under the exec root; unmount it so nothing leaks.
        var netns = Path.Combine(Root, "exec", "netns", "default");
        if (File.Exists(netns))
        {
            await ExternalTool.RunAsync("/bin/umount", [netns]).ConfigureAwait(false);
        }

        BackgroundProcess.DeleteDirectory(Root);
    }
}

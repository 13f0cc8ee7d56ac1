using System.Diagnostics;
using System.Net;

namespace EcrAutomation.Testing.Infrastructure;

/// <summary>Basic-auth credentials for a <see cref="DockerRegistryProcess"/> (an htpasswd file is made from them).</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password (never printed by <see cref="ToString"/>).</param>
public sealed record RegistryBasicAuth(string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"RegistryBasicAuth {{ Username = {Username}, Password = *** }}";
}

/// <summary>
/// Debian's <c>docker-registry</c> (distribution 2.8) on a free 127.0.0.1 port with its own config and storage in a temp
/// folder, optionally behind htpasswd Basic auth. Dispose kills it and deletes the folder.
/// </summary>
public sealed class DockerRegistryProcess : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;

    private DockerRegistryProcess(Process process, string root, int port)
    {
        _process = process;
        Root = root;
        Port = port;
    }

    /// <summary>The temp folder holding the config, htpasswd file and storage.</summary>
    public string Root { get; }

    /// <summary>The registry's storage root.</summary>
    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Endpoint => new($"http://{Host}/");

    /// <summary>
    /// Starts the registry and waits until <c>GET /v2/</c> answers. Fails loudly when <c>docker-registry</c> (or, with
    /// <paramref name="basicAuth"/>, <c>htpasswd</c> from apache2-utils) is missing.
    /// </summary>
    public static async Task<DockerRegistryProcess> StartAsync(RegistryBasicAuth? basicAuth = null, CancellationToken cancellationToken = default)
    {
        var executable = ExternalTool.Require("docker-registry", "docker-registry");
        var root = Directory.CreateTempSubdirectory("docker-registry-").FullName;
        DockerRegistryProcess? registry = null;
        try
        {
            var port = FreePort.Next();
            Directory.CreateDirectory(Path.Combine(root, "data"));
            var auth = string.Empty;
            if (basicAuth is not null)
            {
                // The password goes in on stdin (-i) so it never shows in a process listing or an error message.
                var htpasswd = (await ExternalTool.RunAsync(
                        ExternalTool.Require("htpasswd", "apache2-utils"),
                        ["-Bni", basicAuth.Username],
                        stdin: basicAuth.Password,
                        cancellationToken: cancellationToken).ConfigureAwait(false))
                    .EnsureSuccess("htpasswd").StdOut;
                var file = Path.Combine(root, "htpasswd");
                await File.WriteAllTextAsync(file, htpasswd, cancellationToken).ConfigureAwait(false);
                auth = $"auth: {{htpasswd: {{realm: basic-realm, path: {file}}}}}\n";
            }

            var config = Path.Combine(root, "config.yml");
            await File.WriteAllTextAsync(config, $"""
                version: 0.1
                log: {"{"}level: error{"}"}
                storage: {"{"}filesystem: {"{"}rootdirectory: {root}/data{"}"}, delete: {"{"}enabled: true{"}"}{"}"}
                http: {"{"}addr: 127.0.0.1:{port}{"}"}
                {auth}
                """, cancellationToken).ConfigureAwait(false);
            registry = new DockerRegistryProcess(BackgroundProcess.Start(executable, ["serve", config]), root, port);
            await registry.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return registry;
        }
        catch
        {
            if (registry is null)
            {
                BackgroundProcess.DeleteDirectory(root);
            }
            else
            {
                await registry.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        BackgroundProcess.Stop(_process);
        BackgroundProcess.DeleteDirectory(Root);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/v2/"), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"docker-registry did not answer GET /v2/ within {StartTimeout.TotalSeconds:0} s.");
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>Debian's docker-registry (distribution 2.8) on a free 127.0.0.1 port with its own config, as a reference registry.</summary>
public sealed class DockerRegistry : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private DockerRegistry(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public Uri Endpoint => new($"http://{Host}/");

    public static async Task<DockerRegistry> StartAsync()
    {
        var executable = Tool.Require("docker-registry", "docker-registry");
        var root = Directory.CreateTempSubdirectory("docker-registry-").FullName;
        int port;
        using (var listener = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var config = Path.Combine(root, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log: {"{"}level: error{"}"}
            storage: {"{"}filesystem: {"{"}rootdirectory: {root}/data{"}"}, delete: {"{"}enabled: true{"}"}{"}"}
            http: {"{"}addr: 127.0.0.1:{port}{"}"}
            """);
        var startInfo = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        startInfo.ArgumentList.Add("serve");
        startInfo.ArgumentList.Add(config);
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new DockerRegistry(process, root, port);
        using var http = new HttpClient();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with code {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(registry.Endpoint, "/v2/"));
                return registry;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50);
            }
        }

        await registry.DisposeAsync();
        throw new TimeoutException("docker-registry did not start");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

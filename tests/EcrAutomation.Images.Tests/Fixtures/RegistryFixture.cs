using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EcrAutomation.Images.Tests.Fixtures;

/// <summary>A Debian <c>docker-registry</c> on a free 127.0.0.1 port, optionally with htpasswd Basic auth.</summary>
public sealed class RegistryServer : IDisposable
{
    public const string Username = "AWS";
    public const string Password = "fake-registry-password-0123";

    private readonly TempDirectory _directory = new("ecra-registry");
    private readonly Process _process;

    private RegistryServer(bool withAuth)
    {
        Port = FreePort();
        var data = _directory.Combine("data");
        Directory.CreateDirectory(data);
        var auth = string.Empty;
        if (withAuth)
        {
            var htpasswd = ExternalTool.RunCheckedAsync("htpasswd", ["-Bbn", Username, Password]).GetAwaiter().GetResult();
            var file = _directory.Combine("htpasswd");
            File.WriteAllText(file, htpasswd);
            auth = $"auth: {{htpasswd: {{realm: basic-realm, path: {file}}}}}\n";
        }

        var config = _directory.Combine("config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log: {"{"}level: error{"}"}
            storage: {"{"}filesystem: {"{"}rootdirectory: {data}{"}"}, delete: {"{"}enabled: true{"}"}{"}"}
            http: {"{"}addr: 127.0.0.1:{Port}{"}"}
            {auth}
            """);
        var info = new ProcessStartInfo(ExternalTool.Require("docker-registry"))
        {
            ArgumentList = { "serve", config },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        TestEnvironment.Apply(info.Environment);
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public string DataDirectory => _directory.Combine("data");

    public static RegistryServer Start(bool withAuth = false) => new(withAuth);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
            _directory.Dispose();
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilReady()
    {
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode} before it was ready.");
            }

            try
            {
                var status = http.GetAsync($"http://{Host}/v2/").GetAwaiter().GetResult().StatusCode;
                if (status is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Thread.Sleep(25);
        }

        throw new TimeoutException("docker-registry did not answer GET /v2/ within 15 s.");
    }
}

/// <summary>One open registry and one with Basic auth, shared by the registry tests.</summary>
public sealed class RegistryFixture : IDisposable
{
    public RegistryFixture()
    {
        TestEnvironment.ApplyToProcess();
        Open = RegistryServer.Start();
        Authenticated = RegistryServer.Start(withAuth: true);
    }

    public RegistryServer Open { get; }

    public RegistryServer Authenticated { get; }

    public void Dispose()
    {
        Open.Dispose();
        Authenticated.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry";
}

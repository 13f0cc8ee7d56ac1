using System.Security.Cryptography.X509Certificates;
using EcrAutomation.Testing.Infrastructure;
using k8s;

namespace EcrAutomation.KubernetesApi.Tests;

/// <summary>
/// A real API server on a loopback TLS port (a CA made here, a serving cert it signs, one static bearer token), with a
/// kubeconfig for kubectl and a KubernetesClient for the same cluster.
/// </summary>
public sealed class ApiServerFixture : IAsyncLifetime
{
    public const string Token = "k8s-aws-v1.test-token";
    private readonly string _root = Directory.CreateTempSubdirectory("k8s-api-").FullName;

    public KubernetesApiServer Server { get; private set; } = null!;

    public string KubeconfigPath => Path.Combine(_root, "kubeconfig");

    public string CaPem { get; private set; } = string.Empty;

    public string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        var certificate = LoopbackServerCertificate.Create();
        CaPem = certificate.CaPem;
        await StartAsync(certificate.Serving);
    }

    private X509Certificate2 _serving = null!;

    private async Task StartAsync(X509Certificate2 serving)
    {
        _serving = serving;
        Server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions
        {
            DataDirectory = DataDirectory,
            ServerCertificate = serving,
            AuthenticateAsync = (token, _) => ValueTask.FromResult(token == Token),
        });
        var caData = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(CaPem));
        await File.WriteAllTextAsync(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: demo
              cluster:
                server: {Server.Endpoint}
                certificate-authority-data: {caData}
            users:
            - name: demo
              user:
                token: {Token}
            contexts:
            - name: demo
              context:
                cluster: demo
                user: demo
            current-context: demo
            """);
    }

    /// <summary>Stops the server and starts a new one on the same data (a restart of the host).</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        await StartAsync(_serving);
    }

    public Kubernetes Client() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <summary>Runs kubectl 1.32 against the server with its own discovery cache folder.</summary>
    public Task<ToolResult> KubectlAsync(string arguments, string? stdin = null, TimeSpan? timeout = null) =>
        ExternalTool.RunAsync(
            ExternalTool.Require("kubectl", "kubectl"),
            ["--kubeconfig", KubeconfigPath, "--cache-dir", Path.Combine(_root, "cache"), .. Split(arguments)],
            stdin,
            timeout: timeout ?? TimeSpan.FromMinutes(2),
            workingDirectory: _root);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static string[] Split(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

using System.Net;
using System.Security.Cryptography;
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
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=kubernetes", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), ca.NotAfter.AddDays(-1), RandomNumberGenerator.GetBytes(8));
        var serving = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);
        CaPem = ca.ExportCertificatePem();
        await StartAsync(serving);
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

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi;
using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>
/// A local Kubernetes cluster for tests: the local cloud's API server on a loopback TLS port (a CA made here, one bearer
/// token), its controllers (Deployments, ReplicaSets, Pods, Services, Endpoints) with an image resolver that knows the
/// images a test <see cref="Push"/>es, a kubeconfig file for kubectl and the provider, and kubectl 1.32 bound to it.
/// </summary>
public sealed class KubernetesCluster : IAsyncLifetime
{
    public const string Token = "k8s-aws-v1.kubernetes-tests";

    private readonly string _root = Directory.CreateTempSubdirectory("k8s-cluster-").FullName;
    private readonly ConcurrentDictionary<string, string> _images = new(StringComparer.Ordinal);
    private ClusterControllers _controllers = null!;

    public KubernetesApiServer Server { get; private set; } = null!;

    /// <summary>The kubeconfig file (context <c>test</c>) that reaches the server.</summary>
    public string KubeconfigPath => Path.Combine(_root, "kubeconfig");

    /// <summary>Provider config for this cluster, as an explicit provider's inputs arrive (<c>kubernetes:kubeconfig</c> = the file).</summary>
    public IReadOnlyDictionary<string, string> ProviderConfig => new Dictionary<string, string> { ["kubernetes:kubeconfig"] = KubeconfigPath };

    public async Task InitializeAsync()
    {
        var certificate = LoopbackServerCertificate.Create();
        Server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions
        {
            DataDirectory = Path.Combine(_root, "data"),
            ServerCertificate = certificate.Serving,
            AuthenticateAsync = (token, _) => ValueTask.FromResult(token == Token),
        });
        _controllers = ClusterControllers.Start(Server.Store, new ClusterControllerOptions
        {
            ResolveImageAsync = (image, _) => ValueTask.FromResult(_images.TryGetValue(image, out var id)
                ? ImageResolution.Found(id)
                : ImageResolution.Failed($"{image}: not found in the registry")),
            ImagePullRetryInterval = TimeSpan.FromSeconds(1),
        });
        var caData = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(certificate.CaPem));
        await File.WriteAllTextAsync(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {Server.Endpoint}
                certificate-authority-data: {caData}
            users:
            - name: test
              user:
                token: {Token}
            contexts:
            - name: test
              context:
                cluster: test
                user: test
            current-context: test
            """);
    }

    /// <summary>Makes <paramref name="image"/> pullable: pods that run it start (also pods already waiting for it).</summary>
    public void Push(string image) => _images[image] = image.Split(':')[0] + "@sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(image)));

    /// <summary>Runs kubectl 1.32 against the cluster (its own discovery cache).</summary>
    public Task<ToolResult> KubectlAsync(params string[] arguments) =>
        ExternalTool.RunAsync(
            ExternalTool.Require("kubectl", "kubectl"),
            ["--kubeconfig", KubeconfigPath, "--cache-dir", Path.Combine(_root, "cache"), .. arguments],
            null,
            timeout: TimeSpan.FromMinutes(2),
            workingDirectory: _root);

    /// <summary>kubectl that must succeed; returns its standard output.</summary>
    public async Task<string> KubectlOkAsync(params string[] arguments)
    {
        var result = await KubectlAsync(arguments);
        result.ExitCode.ShouldBe(0, $"kubectl {string.Join(' ', arguments)}: {result.StdErr}");
        return result.StdOut;
    }

    /// <summary>An object as kubectl gets it (<c>-o json</c>), or null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(string resource, string name, string ns = "default")
    {
        var result = await KubectlAsync("get", resource, name, "-n", ns, "-o", "json");
        if (result.ExitCode != 0 && result.StdErr.Contains("NotFound", StringComparison.Ordinal)) return null;
        result.ExitCode.ShouldBe(0, result.StdErr);
        return JsonNode.Parse(result.StdOut)!.AsObject();
    }

    public async Task DisposeAsync()
    {
        await _controllers.DisposeAsync();
        await Server.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources.DeployedImages;
using EcrAutomation.Aws.Resources.Tests.Ecs;
using EcrAutomation.Events;
using EcrAutomation.Testing.Infrastructure;
using k8s;

namespace EcrAutomation.Aws.Resources.Tests.DeployedImages;

/// <summary>
/// The deployed-image guard's EKS case: a lifecycle policy that would expire the image a Deployment in an EKS cluster runs
/// is warned about in preview and refused by up (unless allowed), as for ECS; a cluster that cannot be reached is named.
/// </summary>
[Collection(EcsCollection.Name)]
public sealed class EksDeployedImageGuardTests(EcsCloudFixture cloud)
{
    private const string Keep10 = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}}]}""";
    private const string Keep1 = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""";

    private static PulumiFn Program(string repository, string policy) => PulumiFn.Create(() =>
    {
        new Resources.Ecr.LifecyclePolicy("policy", new Resources.Ecr.LifecyclePolicyArgs { Repository = repository, Policy = policy });
    });

    /// <summary>A repository with an older image <c>v1</c> (returned: its digest and reference) and a newer <c>v2</c>.</summary>
    private async Task<(string Digest, string Reference)> RepositoryWithTwoImagesAsync(string repository)
    {
        var uri = (await cloud.Aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = repository })).Repository!.RepositoryUri!;
        var v1 = await cloud.PushTinyImageAsync(repository, "v1");
        await Task.Delay(1100); // distinct push times: v1 is the older image
        await cloud.PushTinyImageAsync(repository, "v2");
        return (v1, $"{uri}@{v1}");
    }

    [Fact(Timeout = 300_000)]
    public async Task PolicyExpiringTheImageOfAnEksDeployment_WarnsInPreview_FailsUp_AndAppliesWhenAllowed()
    {
        const string repository = "eks-guarded";
        var (digest, reference) = await RepositoryWithTwoImagesAsync(repository);
        const string clusterName = "guarded";
        var cluster = await EksTestCluster.CreateAsync(cloud.Aws, clusterName);
        try
        {
            using (var kubernetes = await EksTestCluster.ClientAsync(cloud.Aws, cluster))
                await kubernetes.AppsV1.CreateNamespacedDeploymentAsync(EksTestCluster.Deployment("web", reference), "default");

            var stack = await cloud.StackAsync("eks-guard", Program(repository, Keep10));
            await stack.UpAsync();

            var events = new EventLog();
            var preview = await stack.PreviewAsync(new PreviewOptions { Program = Program(repository, Keep1), OnEvent = events.Handler });
            preview.ChangeSummary[OperationType.Update].ShouldBe(1);
            var warning = events.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ShouldHaveSingleItem().Message;
            warning.ShouldContain("would expire 1 image that a Deployment in an EKS cluster uses");
            warning.ShouldContain($"{digest} ({reference}) runs in Deployment default/web in EKS cluster {clusterName}, container 'web'");

            var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { Program = Program(repository, Keep1) }));
            error.Message.ShouldContain($"Deployment default/web in EKS cluster {clusterName}");
            error.Message.ShouldContain(DeployedImageGuard.AllowConfigKey);
            (await cloud.Aws.Ecr.GetLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = repository })).LifecyclePolicyText!.ShouldContain("10", Case.Sensitive, "the old policy stays");

            await stack.SetConfigAsync(DeployedImageGuard.AllowConfigKey, new ConfigValue("true"));
            var allowed = await stack.UpAsync(new UpOptions { Program = Program(repository, Keep1) });
            allowed.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
            allowed.StandardOutput.ShouldContain("Deployment default/web");
            await stack.DestroyAsync();
        }
        finally
        {
            await cloud.Aws.Eks.DeleteClusterAsync(clusterName);
            await cloud.Aws.Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = repository, Force = true });
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task EksClusterThatCannotBeReached_IsNamedInAWarning_NotPassedSilently()
    {
        const string repository = "eks-unreachable";
        await RepositoryWithTwoImagesAsync(repository);
        // An EKS API that lists one ACTIVE cluster whose Kubernetes endpoint nothing listens on.
        using var eks = new FakeEksApi("ghost", $"https://127.0.0.1:{FreePort.Next()}");
        var config = cloud.AwsConfig.ToDictionary(kv => kv.Key, kv => kv.Value);
        config["aws:endpoints:eks"] = eks.Endpoint;
        try
        {
            using var aws = AwsConnection.FromStackConfig(config);
            var scan = await DeployedImageGuard.FindExpiringAsync(aws, repository, Keep1);
            scan.Deployed.ShouldBeEmpty();
            scan.Unchecked.ShouldHaveSingleItem().ShouldContain("EKS cluster 'ghost' could not be reached, so the images its Deployments run were not checked");

            var stack = await cloud.StackAsync("eks-unreachable", Program(repository, Keep10), new Dictionary<string, string> { ["aws:endpoints"] = $$"""[{"eks":"{{eks.Endpoint}}"}]""" });
            await stack.UpAsync();
            var events = new EventLog();
            await stack.PreviewAsync(new PreviewOptions { Program = Program(repository, Keep1), OnEvent = events.Handler });
            events.Diagnostics.ShouldContain(d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("EKS cluster 'ghost' could not be reached"));
            await stack.DestroyAsync();
        }
        finally
        {
            await cloud.Aws.Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = repository, Force = true });
        }
    }

    /// <summary>Answers EKS's ListClusters and DescribeCluster for one cluster, on loopback.</summary>
    private sealed class FakeEksApi : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _cluster;
        private readonly string _kubernetesEndpoint;
        private readonly string _ca;

        public FakeEksApi(string cluster, string kubernetesEndpoint)
        {
            _cluster = cluster;
            _kubernetesEndpoint = kubernetesEndpoint;
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            using var certificate = new CertificateRequest("CN=ghost-ca", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            _ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
            Endpoint = $"http://127.0.0.1:{FreePort.Next()}/";
            _listener.Prefixes.Add(Endpoint);
            _listener.Start();
            _ = ServeAsync();
        }

        public string Endpoint { get; }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                var body = context.Request.Url!.AbsolutePath.TrimEnd('/') == "/clusters"
                    ? $$"""{"clusters":["{{_cluster}}"]}"""
                    : System.Text.Json.JsonSerializer.Serialize(new { cluster = new { name = _cluster, status = "ACTIVE", endpoint = _kubernetesEndpoint, certificateAuthority = new { data = _ca } } });
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}

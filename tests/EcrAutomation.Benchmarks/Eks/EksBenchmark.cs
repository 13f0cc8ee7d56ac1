using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;
using k8s;
using k8s.Models;

namespace EcrAutomation.Benchmarks.Eks;

/// <summary>
/// The <c>eks</c> benchmark: in a local cloud, creates an EKS cluster, pushes one image, then applies N Deployments through
/// KubernetesClient the way <c>kubectl apply</c> does (GET, then POST with the last-applied annotation, field manager
/// <c>kubectl-client-side-apply</c>, strict field validation), with a watch open on Deployments, and waits until every one
/// is Available. Prints <c>apply_s</c>, <c>all_available_s</c> (from the first apply), <c>watch_events_per_s</c> and
/// <c>peak_mb</c> (peak working set of this process, which hosts the local cloud and the client) as one JSON line.
/// </summary>
public static class EksBenchmark
{
    /// <summary>Options: <c>--deployments N</c> (default 500), <c>--replicas N</c> (default 1), <c>--parallel N</c> (default 8).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = BenchmarkArguments.Int(args, "--deployments", 500);
        var replicas = BenchmarkArguments.Int(args, "--replicas", 1);
        var parallel = BenchmarkArguments.Int(args, "--parallel", 8);
        FakeAwsEnvironment.ApplyToProcess();
        var data = Directory.CreateTempSubdirectory("ecra-eks-bench-").FullName;
        try
        {
            await using var cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions { DataDirectory = data, StartMoto = false, WriteStateFile = false }).ConfigureAwait(false);
            using var http = new HttpClient();
            var image = await PushImageAsync(cloud, http).ConfigureAwait(false);
            var cluster = await AwsAsync(http, cloud, HttpMethod.Post, "/clusters", """{"name":"bench","roleArn":"arn:aws:iam::000000000000:role/eks","resourcesVpcConfig":{"subnetIds":["subnet-1","subnet-2"]}}""").ConfigureAwait(false);
            cluster = await AwsAsync(http, cloud, HttpMethod.Get, "/clusters/bench", null).ConfigureAwait(false);
            using var client = await ClientAsync(cloud, cluster["cluster"]!).ConfigureAwait(false);

            var available = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            var allAvailable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            long events = 0;
            using var stopWatching = new CancellationTokenSource();
            var list = await client.AppsV1.ListNamespacedDeploymentAsync("default").ConfigureAwait(false);
            var watching = Task.Run(async () =>
            {
                await foreach (var (type, deployment) in client.AppsV1.WatchListNamespacedDeploymentAsync(
                    "default", resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, cancellationToken: stopWatching.Token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref events);
                    if (type != WatchEventType.Bookmark && deployment.Status?.Conditions?.Any(c => c.Type == "Available" && c.Status == "True") == true
                        && deployment.Status.ObservedGeneration == deployment.Metadata.Generation && available.TryAdd(deployment.Metadata.Name, true) && available.Count == count)
                    {
                        allAvailable.TrySetResult();
                    }
                }
            });

            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
                await ApplyAsync(client, Deployment($"app-{i:D4}", image, replicas), ct).ConfigureAwait(false)).ConfigureAwait(false);
            var applySeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"applied {count} deployments in {applySeconds:F2} s");

            await allAvailable.Task.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
            var availableSeconds = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"all {count} available after {availableSeconds:F2} s ({Interlocked.Read(ref events)} watch events)");
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await watching.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

            using var process = Process.GetCurrentProcess();
            var result = new Dictionary<string, object>
            {
                ["deployments"] = count,
                ["replicas"] = replicas,
                ["apply_s"] = Math.Round(applySeconds, 3),
                ["all_available_s"] = Math.Round(availableSeconds, 3),
                ["watch_events_per_s"] = Math.Round(Interlocked.Read(ref events) / availableSeconds, 1),
                ["peak_mb"] = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>What <c>kubectl apply</c> sends for a new object: a GET (404), then a create carrying the last-applied annotation.</summary>
    private static async Task ApplyAsync(Kubernetes client, V1Deployment deployment, CancellationToken cancellationToken)
    {
        try
        {
            await client.AppsV1.ReadNamespacedDeploymentAsync(deployment.Metadata.Name, "default", cancellationToken: cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"{deployment.Metadata.Name} exists already.");
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }

        deployment.Metadata.Annotations = new Dictionary<string, string>
        {
            ["kubectl.kubernetes.io/last-applied-configuration"] = KubernetesJson.Serialize(deployment),
        };
        await client.AppsV1.CreateNamespacedDeploymentAsync(deployment, "default", fieldManager: "kubectl-client-side-apply", fieldValidation: "Strict", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static V1Deployment Deployment(string name, string image, int replicas) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image, Ports = [new V1ContainerPort { ContainerPort = 8080 }] }] },
            },
        },
    };

    /// <summary>A KubernetesClient for the cluster as its kubeconfig would configure it: its endpoint, its CA and an <c>aws eks get-token</c> token.</summary>
    private static async Task<Kubernetes> ClientAsync(LocalCloudServer cloud, JsonNode cluster)
    {
        var token = await ExternalTool.RunAsync(
            ExternalTool.Require("aws", "awscli"),
            ["--endpoint-url", cloud.Endpoint.ToString().TrimEnd('/'), "--output", "json", "eks", "get-token", "--cluster-name", "bench"]).ConfigureAwait(false);
        var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(cluster["certificateAuthority"]!["data"]!.GetValue<string>())));
        return new Kubernetes(new KubernetesClientConfiguration
        {
            Host = cluster["endpoint"]!.GetValue<string>(),
            SslCaCerts = [ca],
            AccessToken = JsonNode.Parse(token.EnsureSuccess("aws eks get-token").StdOut)!["status"]!["token"]!.GetValue<string>(),
        });
    }

    private static async Task<JsonObject> AwsAsync(HttpClient http, LocalCloudServer cloud, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(cloud.Endpoint, path));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var date = DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={FakeAwsEnvironment.AccessKey}/{date}/us-east-1/eks/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return response.IsSuccessStatusCode ? (JsonObject)JsonNode.Parse(text)! : throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    }

    /// <summary>Pushes a one-layer image to the local registry (monolithic blob uploads, then the manifest) and returns its reference.</summary>
    private static async Task<string> PushImageAsync(LocalCloudServer cloud, HttpClient http)
    {
        using (var create = new HttpRequestMessage(HttpMethod.Post, cloud.Endpoint))
        {
            create.Content = new StringContent("""{"repositoryName":"bench"}""", Encoding.UTF8);
            create.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
            create.Headers.Add("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.CreateRepository");
            create.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={FakeAwsEnvironment.AccessKey}/20260101/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=00");
            (await http.SendAsync(create).ConfigureAwait(false)).EnsureSuccessStatusCode();
        }

        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + cloud.CreateRegistryPassword())));
        var layer = Encoding.UTF8.GetBytes("benchmark layer");
        var config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""");
        foreach (var blob in new[] { layer, config })
        {
            using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri(cloud.Endpoint, $"/v2/bench/blobs/uploads/?digest={Digest(blob)}")) { Content = new ByteArrayContent(blob) };
            upload.Headers.Authorization = auth;
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            (await http.SendAsync(upload).ConfigureAwait(false)).EnsureSuccessStatusCode();
        }

        var manifest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.manifest.v1+json",
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = Digest(config), size = config.Length },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar", digest = Digest(layer), size = layer.Length } },
        }));
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(cloud.Endpoint, "/v2/bench/manifests/v1")) { Content = new ByteArrayContent(manifest) };
        put.Headers.Authorization = auth;
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        (await http.SendAsync(put).ConfigureAwait(false)).EnsureSuccessStatusCode();
        return $"{cloud.RegistryHost}/bench:v1";
    }

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}

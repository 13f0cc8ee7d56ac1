using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class ClientAndProtocolTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _cluster;

    public ClientAndProtocolTests(ApiServerFixture cluster) => _cluster = cluster;

    [Fact]
    public async Task KubernetesClient_lists_watches_applies_server_side_and_deletes()
    {
        using var client = _cluster.Client();
        var list = await client.AppsV1.ListNamespacedDeploymentAsync("default");
        var events = new List<(WatchEventType Type, string Name)>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.AppsV1.WatchListNamespacedDeploymentAsync(
                "default", resourceVersion: list.Metadata.ResourceVersion, fieldSelector: "metadata.name=client-app", cancellationToken: stop.Token))
            {
                events.Add((type, item.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        var deployment = new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = "client-app", NamespaceProperty = "default" },
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "client-app" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "client-app" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
                },
            },
        };

        var applied = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(KubernetesJson.Serialize(deployment), V1Patch.PatchType.ApplyPatch), "client-app", "default", fieldManager: "tests", force: true);
        await client.AppsV1.DeleteNamespacedDeploymentAsync("client-app", "default", propagationPolicy: "Background");
        await watching.WaitAsync(TimeSpan.FromMinutes(1));

        applied.Metadata.Uid.ShouldNotBeNullOrEmpty();
        applied.Metadata.ManagedFields.ShouldContain(m => m.Manager == "tests" && m.Operation == "Apply");
        events.Select(e => e.Type).ShouldBe([WatchEventType.Added, WatchEventType.Deleted]);
        (await client.AppsV1.ListNamespacedDeploymentAsync("default", fieldSelector: "metadata.name=client-app")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Anonymous_and_wrong_token_requests_get_401_as_a_Status()
    {
        using var http = Http(token: null);
        var anonymous = await http.GetAsync(new Uri(_cluster.Server.Endpoint, "/api/v1/namespaces"));
        var body = JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!;
        using var wrong = Http(token: "nope");
        var rejected = await wrong.GetAsync(new Uri(_cluster.Server.Endpoint, "/api/v1/namespaces"));
        var health = await http.GetAsync(new Uri(_cluster.Server.Endpoint, "/readyz"));

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        body["kind"]!.GetValue<string>().ShouldBe("Status");
        body["reason"]!.GetValue<string>().ShouldBe("Unauthorized");
        rejected.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Malformed_bodies_are_400_Status_and_change_nothing()
    {
        using var http = Http(ApiServerFixture.Token);
        var before = _cluster.Server.Store.ResourceVersion;
        var json = await http.PostAsync(new Uri(_cluster.Server.Endpoint, "/api/v1/namespaces/default/configmaps"),
            new StringContent("{\"metadata\": {\"name\": ", Encoding.UTF8, "application/json"));
        var yaml = await http.PostAsync(new Uri(_cluster.Server.Endpoint, "/api/v1/namespaces/default/configmaps"),
            new StringContent("metadata:\n  name: [unclosed\n", Encoding.UTF8, "application/yaml"));

        var duplicate = await http.PostAsync(new Uri(_cluster.Server.Endpoint, "/api/v1/namespaces/default/configmaps?fieldValidation=Strict"),
            new StringContent("{\"metadata\": {\"name\": \"dup\", \"name\": \"dup2\"}}", Encoding.UTF8, "application/json"));

        var wrongType = await http.PostAsync(new Uri(_cluster.Server.Endpoint, "/api/v1/namespaces/default/configmaps"),
            new StringContent("{\"metadata\": {\"name\": 5}}", Encoding.UTF8, "application/json"));

        json.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrongType.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await wrongType.Content.ReadAsStringAsync());
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await duplicate.Content.ReadAsStringAsync());
        JsonNode.Parse(await json.Content.ReadAsStringAsync())!["reason"]!.GetValue<string>().ShouldBe("BadRequest");
        yaml.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _cluster.Server.Store.ResourceVersion.ShouldBe(before);
    }

    [Fact]
    public async Task A_watch_from_an_expired_resource_version_is_410_Gone_and_conflicting_updates_are_409()
    {
        using var client = _cluster.Client();
        var expired = await Should.ThrowAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: "-5"))
            {
            }
        });
        expired.Response.StatusCode.ShouldBe(HttpStatusCode.Gone);

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, "default");
        created.Data = new Dictionary<string, string> { ["a"] = "1" };
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", "default");
        created.Data = new Dictionary<string, string> { ["a"] = "2" };
        var conflict = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", "default"));
        conflict.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        conflict.Response.Content.ShouldContain("the object has been modified");
        var exists = await Should.ThrowAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, "default"));
        exists.Response.Content.ShouldContain("AlreadyExists");
    }

    [Fact]
    public async Task Kubectl_get_watch_streams_changes_as_table_rows()
    {
        var manifest = _cluster.WriteFile("watched.yaml", KubectlTests.DeploymentAndService("watched"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");
        var watching = _cluster.KubectlAsync("get deploy watched -w --request-timeout=8s", timeout: TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await _cluster.KubectlAsync("scale deploy watched --replicas=4")).EnsureSuccess("scale");

        var output = (await watching).StdOut;

        output.ShouldContain("READY");
        output.Split('\n').Count(line => line.StartsWith("watched", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(2);
        output.ShouldContain("0/4");
    }

    [Fact]
    public async Task Objects_survive_a_restart_of_the_server()
    {
        var manifest = _cluster.WriteFile("restart.yaml", KubectlTests.DeploymentAndService("survivor"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");
        var uid = (await _cluster.KubectlAsync("get deploy survivor -o jsonpath={.metadata.uid}")).StdOut;

        await _cluster.RestartAsync();

        (await _cluster.KubectlAsync("get deploy survivor -o jsonpath={.metadata.uid}")).EnsureSuccess("get after restart").StdOut.ShouldBe(uid);
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply after restart").StdOut.ShouldContain("unchanged");
    }

    private HttpClient Http(string? token)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(_cluster.CaPem);
                using var chain = new System.Security.Cryptography.X509Certificates.X509Chain();
                chain.ChainPolicy.TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        var http = new HttpClient(handler);
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}

using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Tests;

/// <summary>kubectl's generator commands send protobuf bodies through its typed clients.</summary>
public sealed class KubectlCreateTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _cluster;

    public KubectlCreateTests(ApiServerFixture cluster) => _cluster = cluster;

    [Fact]
    public async Task Kubectl_create_namespace_configmap_secret_serviceaccount_deployment_and_service_work()
    {
        (await _cluster.KubectlAsync("create namespace tools")).EnsureSuccess("create namespace").StdOut.ShouldContain("namespace/tools created");
        (await _cluster.KubectlAsync("create configmap settings -n tools --from-literal=mode=demo --from-literal=level=3")).EnsureSuccess("create configmap");
        (await _cluster.KubectlAsync("create secret generic token -n tools --from-literal=value=s3cret")).EnsureSuccess("create secret");
        (await _cluster.KubectlAsync("create secret docker-registry ecr -n tools --docker-server=127.0.0.1:5000 --docker-username=AWS --docker-password=pw")).EnsureSuccess("create docker-registry secret");
        (await _cluster.KubectlAsync("create serviceaccount deployer -n tools")).EnsureSuccess("create serviceaccount");
        (await _cluster.KubectlAsync("create deployment web -n tools --image=nginx:1.27 --replicas=3 --port=80")).EnsureSuccess("create deployment");
        (await _cluster.KubectlAsync("create service clusterip web -n tools --tcp=80:8080")).EnsureSuccess("create service");
        (await _cluster.KubectlAsync("run shell -n tools --image=busybox:1.36 --labels=role=debug -- sleep 3600")).EnsureSuccess("run");

        var configMap = Json(await _cluster.KubectlAsync("get cm settings -n tools -o json"));
        var secret = Json(await _cluster.KubectlAsync("get secret token -n tools -o json"));
        var registry = Json(await _cluster.KubectlAsync("get secret ecr -n tools -o json"));
        var deployment = Json(await _cluster.KubectlAsync("get deploy web -n tools -o json"));
        var service = Json(await _cluster.KubectlAsync("get svc web -n tools -o json"));
        var pod = Json(await _cluster.KubectlAsync("get pod shell -n tools -o json"));

        configMap["data"]!["mode"]!.GetValue<string>().ShouldBe("demo");
        configMap["data"]!["level"]!.GetValue<string>().ShouldBe("3");
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["value"]!.GetValue<string>())).ShouldBe("s3cret");
        secret["type"]!.GetValue<string>().ShouldBe("Opaque");
        registry["type"]!.GetValue<string>().ShouldBe("kubernetes.io/dockerconfigjson");
        deployment["spec"]!["replicas"]!.GetValue<int>().ShouldBe(3);
        deployment["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>().ShouldBe("web");
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().ShouldBe("nginx:1.27");
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"]!.GetValue<int>().ShouldBe(80);
        service["spec"]!["ports"]![0]!["port"]!.GetValue<int>().ShouldBe(80);
        service["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>().ShouldBe(8080);
        service["spec"]!["clusterIP"]!.GetValue<string>().ShouldStartWith("10.100.");
        pod["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["sleep", "3600"]);
        pod["metadata"]!["labels"]!["role"]!.GetValue<string>().ShouldBe("debug");
        (await _cluster.KubectlAsync("get sa deployer -n tools")).EnsureSuccess("get sa");
    }

    private static JsonNode Json(EcrAutomation.Testing.Infrastructure.ToolResult result) => JsonNode.Parse(result.EnsureSuccess("get").StdOut)!;
}

using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Eks;

/// <summary>
/// Pods of the local cloud's EKS clusters run as real containers (a network namespace and address per pod) and
/// LoadBalancer Services get a loopback front door, driven as a user does: aws eks, kubectl 1.32 and curl.
/// </summary>
public sealed class EksPodsTests : IAsyncLifetime
{
    private const string Page = "<h1>ecr-automation demo on EKS</h1>";
    private readonly string _folder = Directory.CreateTempSubdirectory("eks-pods-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private LocalCloudServer _server = null!;
    private string _image = string.Empty;

    private string DataDirectory => Path.Combine(_folder, "data");

    public async Task InitializeAsync()
    {
        _server = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = DataDirectory, StartMoto = false });
        _server.Containers.ShouldNotBeNull($"these tests need container support: {EcrAutomation.Workloads.ContainerSupport.Probe().Reason}");
        _image = await PushWebImageAsync();
        await EksCluster.CreateAsync(AwsCli.V1, _server.Endpoint, "pods");
        (await EksCluster.AwsInAsync(AwsCli.V1, _server.Endpoint, _folder, "eks", "update-kubeconfig", "--name", "pods", "--kubeconfig", "./kubeconfig"))
            .EnsureSuccess("update-kubeconfig");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        ContainerHygiene.Find(LocalCloudServer.ContainerNamePrefix(DataDirectory)).ShouldBeEmpty("local stop leaves no container process, netns or veth");
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task DeploymentBehindALoadBalancerService_ServesThePageThroughItsFrontDoor_BalancedAcrossBothPods()
    {
        await ApplyAsync(Deployment("web", 2, readinessPath: "/index.html") + "---\n" + LoadBalancer("web"));
        (await KubectlAsync("rollout", "status", "deployment/web", "--timeout=180s")).EnsureSuccess("rollout status");

        var hostname = await EventuallyAsync(
            async () => JsonNode.Parse((await KubectlAsync("get", "svc", "web", "-o", "json")).EnsureSuccess("get svc").StdOut)!["status"]?["loadBalancer"]?["ingress"]?[0]?["hostname"]?.GetValue<string>(),
            h => h is not null && _server.FrontDoors.TryResolve(h, out _));
        hostname!.ShouldEndWith(".us-east-1.elb.amazonaws.com");
        _server.FrontDoors.TryResolve(hostname, out var door).ShouldBeTrue();
        door!.Kind.ShouldBe("eks-service");

        var pods = JsonNode.Parse((await KubectlAsync("get", "pods", "-l", "app=web", "-o", "json")).EnsureSuccess("get pods").StdOut)!["items"]!.AsArray();
        var podNames = pods.Select(p => p!["metadata"]!["name"]!.GetValue<string>()).ToList();
        podNames.Count.ShouldBe(2);
        pods.Select(p => p!["status"]!["podIP"]!.GetValue<string>()).Distinct().Count().ShouldBe(2);

        var curl = Tool.Require("curl", "curl");
        (await Tool.RunAsync(curl, ["-sS", "--max-time", "30", door.Url.ToString()])).EnsureSuccess("curl the front door").StdOut.ShouldContain(Page);
        var answeredBy = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answeredBy.Add((await Tool.RunAsync(curl, ["-sS", "--max-time", "30", door.Url + "who.html"])).EnsureSuccess("curl who.html").StdOut.Trim());
        }

        answeredBy.Distinct().ShouldBe(podNames, ignoreOrder: true);
        answeredBy.Count(p => p == podNames[0]).ShouldBe(5, "connections alternate between the ready endpoints");

        // The local cloud's own port routes by Host header, as LocalStack does for load balancer names.
        (await Tool.RunAsync(curl, ["-sS", "--max-time", "30", "-H", "Host: " + hostname, _server.Endpoint.ToString()])).EnsureSuccess("curl with Host").StdOut.ShouldContain(Page);

        (await KubectlAsync("delete", "svc", "web")).EnsureSuccess("delete svc");
        await EventuallyAsync(() => Task.FromResult(_server.FrontDoors.TryResolve(hostname, out _)), registered => !registered);
    }

    [Fact]
    public async Task PodFailingItsReadinessProbe_StaysOutOfEndpointsAndGetsNoTraffic()
    {
        await ApplyAsync(Deployment("sick", 1, readinessPath: "/missing.html") + "---\n" + LoadBalancer("sick"));
        var pod = await EventuallyAsync(
            async () => JsonNode.Parse((await KubectlAsync("get", "pods", "-l", "app=sick", "-o", "json")).EnsureSuccess("get pods").StdOut)!["items"]!.AsArray().SingleOrDefault(),
            p => p?["status"]?["containerStatuses"]?[0]?["state"]?["running"] is not null);
        var ip = pod!["status"]!["podIP"]!.GetValue<string>();
        (await _http.GetStringAsync($"http://{ip}:8080/index.html")).ShouldContain(Page);

        await Task.Delay(TimeSpan.FromSeconds(3));
        (await KubectlAsync("get", "pods", "-l", "app=sick")).EnsureSuccess("get pods").StdOut.ShouldMatch(@"sick-\S+\s+0/1\s+Running\s+0");
        var endpoints = JsonNode.Parse((await KubectlAsync("get", "endpoints", "sick", "-o", "json")).EnsureSuccess("get endpoints").StdOut)!;
        endpoints["subsets"]![0]!["addresses"].ShouldBeNull();
        endpoints["subsets"]![0]!["notReadyAddresses"]![0]!["ip"]!.GetValue<string>().ShouldBe(ip);

        var hostname = JsonNode.Parse((await KubectlAsync("get", "svc", "sick", "-o", "json")).StdOut)!["status"]!["loadBalancer"]!["ingress"]![0]!["hostname"]!.GetValue<string>();
        _server.FrontDoors.TryResolve(hostname, out var door).ShouldBeTrue();
        var refused = await Tool.RunAsync(Tool.Require("curl", "curl"), ["-sS", "--max-time", "30", door!.Url.ToString()]);
        refused.ExitCode.ShouldNotBe(0, "a front door without ready endpoints closes connections");
    }

    [Fact]
    public async Task CrashingContainer_GoesToCrashLoopBackOff_WithRisingRestartCount_AndLogsPreviousShowWhy()
    {
        await ApplyAsync(Deployment("crash", 1, command: "echo starting; echo 'fatal: APP_CONFIG is not set' >&2; exit 3"));
        var pod = await EventuallyAsync(
            async () => JsonNode.Parse((await KubectlAsync("get", "pods", "-l", "app=crash", "-o", "json")).EnsureSuccess("get pods").StdOut)!["items"]!.AsArray().SingleOrDefault(),
            p => p?["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.GetValue<string>() == "CrashLoopBackOff"
                 && p["status"]!["containerStatuses"]![0]!["restartCount"]!.GetValue<int>() >= 1);
        var status = pod!["status"]!["containerStatuses"]![0]!;
        status["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>().ShouldBe(3);
        status["lastState"]!["terminated"]!["reason"]!.GetValue<string>().ShouldBe("Error");
        var name = pod["metadata"]!["name"]!.GetValue<string>();

        // stdout and stderr are read separately, so their relative order is not kept (as with a real kubelet).
        (await KubectlAsync("logs", name, "--previous")).EnsureSuccess("logs --previous").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .ShouldBe(["starting", "fatal: APP_CONFIG is not set"], ignoreOrder: true);
        (await KubectlAsync("get", "pod", name)).EnsureSuccess("get pod").StdOut.ShouldMatch($@"{name}\s+0/1\s+CrashLoopBackOff\s+[1-9]");
        await EventuallyAsync(
            async () => JsonNode.Parse((await KubectlAsync("get", "pod", name, "-o", "json")).EnsureSuccess("get pod").StdOut)!["status"]!["containerStatuses"]![0]!["restartCount"]!.GetValue<int>(),
            restarts => restarts > status["restartCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task FailingExecLivenessProbe_RestartsTheContainer()
    {
        await ApplyAsync(Deployment(
            "flaky", 1,
            command: "/bin/busybox touch /www/alive; (/bin/busybox sleep 4; /bin/busybox rm /www/alive) & exec /bin/busybox httpd -f -p 8080 -h /www",
            livenessExec: true));
        var pod = await EventuallyAsync(
            async () => JsonNode.Parse((await KubectlAsync("get", "pods", "-l", "app=flaky", "-o", "json")).EnsureSuccess("get pods").StdOut)!["items"]!.AsArray().SingleOrDefault(),
            p => p?["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() >= 1);
        pod!["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>().ShouldBeOneOf(137, 143);
    }

    [Fact]
    public async Task DeletingTheDeploymentAndTheCluster_LeavesNoContainerProcessNamespaceOrVeth()
    {
        await ApplyAsync(Deployment("doomed", 2, readinessPath: "/index.html"));
        (await KubectlAsync("rollout", "status", "deployment/doomed", "--timeout=180s")).EnsureSuccess("rollout status");
        var prefix = LocalCloudServer.ContainerNamePrefix(DataDirectory);
        ContainerHygiene.Find(prefix).ShouldNotBeEmpty("the pods run as containers");

        (await KubectlAsync("delete", "deployment", "doomed")).EnsureSuccess("delete deployment");
        await EventuallyAsync(() => Task.FromResult(ContainerHygiene.Find(prefix)), leftovers => leftovers.Count == 0);

        await ApplyAsync(Deployment("again", 1, readinessPath: "/index.html"));
        (await KubectlAsync("rollout", "status", "deployment/again", "--timeout=180s")).EnsureSuccess("rollout status");
        await AwsCli.JsonAsync(AwsCli.V1, _server.Endpoint, "eks", "delete-cluster", "--name", "pods");
        ContainerHygiene.Find(prefix).ShouldBeEmpty("deleting the cluster stops its pods");
    }

    private Task<ToolResult> KubectlAsync(params string[] arguments) => EksCluster.KubectlAsync(_folder, ["--kubeconfig", "./kubeconfig", .. arguments]);

    private async Task ApplyAsync(string manifest)
    {
        var path = Path.Combine(_folder, $"manifest-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, manifest);
        (await KubectlAsync("apply", "-f", path)).EnsureSuccess("apply");
    }

    /// <summary>Builds the demo-like web image (static busybox serving /www on 8080, a who.html naming the pod) and pushes it to the local registry.</summary>
    private async Task<string> PushWebImageAsync()
    {
        var built = await BusyboxImage.BuildAsync(
            Path.Combine(_folder, "build"),
            """
            COPY www/ /www/
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox"]
            CMD ["sh", "-c", "/bin/busybox hostname > /www/who.html && exec /bin/busybox httpd -f -v -p 8080 -h /www"]
            """,
            new Dictionary<string, string> { ["www/index.html"] = Page + "\n" });
        await LocalCloudFixture.EcrAsync(_server, _http, "CreateRepository", new { repositoryName = "web" });
        var copied = await Skopeo.RunAsync(
            "copy", "--dest-tls-verify=false", "--dest-creds", "AWS:" + _server.CreateRegistryPassword(),
            $"oci:{built.OciLayoutPath}:{built.OciReference}", $"docker://{_server.RegistryHost}/web:v1");
        copied.EnsureSuccess("skopeo copy");
        return $"{_server.RegistryHost}/web:v1";
    }

    private string Deployment(string name, int replicas, string? readinessPath = null, string? command = null, bool livenessExec = false)
    {
        var lines = new List<string>
        {
            "apiVersion: apps/v1",
            "kind: Deployment",
            $"metadata: {{name: {name}}}",
            "spec:",
            $"  replicas: {replicas}",
            $"  selector: {{matchLabels: {{app: {name}}}}}",
            "  template:",
            $"    metadata: {{labels: {{app: {name}}}}}",
            "    spec:",
            "      terminationGracePeriodSeconds: 5",
            "      containers:",
            "      - name: app",
            $"        image: {_image}",
            "        ports: [{name: http, containerPort: 8080}]",
        };
        if (command is not null)
        {
            lines.Add("        command: [\"/bin/busybox\", \"sh\", \"-c\"]");
            lines.Add($"        args: [{System.Text.Json.JsonSerializer.Serialize(command)}]");
        }

        if (readinessPath is not null)
        {
            lines.Add($"        readinessProbe: {{httpGet: {{path: {readinessPath}, port: http}}, periodSeconds: 1, timeoutSeconds: 10, failureThreshold: 1}}");
        }

        if (livenessExec)
        {
            lines.Add("        livenessProbe: {exec: {command: [\"/bin/busybox\", \"test\", \"-f\", \"/www/alive\"]}, periodSeconds: 1, timeoutSeconds: 10, failureThreshold: 2}");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string LoadBalancer(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: {name}{"}"}
        spec:
          type: LoadBalancer
          selector: {"{"}app: {name}{"}"}
          ports: [{"{"}port: 80, targetPort: http{"}"}]
        """ + "\n";

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        T last;
        do
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException("The condition did not hold in time; last seen: " + (last is JsonNode n ? n.ToJsonString() : last is IEnumerable<string> l ? string.Join("\n", l) : last?.ToString()));
    }
}

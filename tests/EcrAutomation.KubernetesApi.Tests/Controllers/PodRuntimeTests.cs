using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcrAutomation.KubernetesApi.Controllers;

namespace EcrAutomation.KubernetesApi.Tests.Controllers;

/// <summary>
/// The kubelet with a runtime, through a real API server and kubectl 1.32: pods' containers run as real processes
/// (<see cref="HostProcessPodRuntime"/>), probes decide readiness and restarts, crashes back off, logs are served.
/// </summary>
public sealed class PodRuntimeTests : IAsyncLifetime
{
    private readonly ApiServerFixture _cluster = new();
    private readonly HostProcessPodRuntime _runtime = new();
    private readonly string _www = Directory.CreateTempSubdirectory("k8s-www-").FullName;
    private ClusterControllers _controllers = null!;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        File.WriteAllText(Path.Combine(_www, "index.html"), "<h1>hello from a pod</h1>");
        File.WriteAllText(Path.Combine(_www, "alive.html"), "ok");
        _controllers = ClusterControllers.Start(_cluster.Server.Store, new ClusterControllerOptions
        {
            ResolveImageAsync = (image, _) => ValueTask.FromResult(ImageResolution.Found(image.Split(':')[0] + "@sha256:" + new string('b', 64))),
            PodRuntime = _runtime,
            CrashLoopBackOffInitial = TimeSpan.FromMilliseconds(300),
            CrashLoopBackOffMax = TimeSpan.FromSeconds(2),
        });
    }

    public async Task DisposeAsync()
    {
        await _controllers.DisposeAsync();
        _runtime.LiveProcessIds.ShouldBeEmpty("stopping the controllers stops every container");
        await _cluster.DisposeAsync();
        Directory.Delete(_www, recursive: true);
    }

    [Fact]
    public async Task ReadinessProbes_DecideReady_EndpointsListOnlyReadyPods_AndTheServerAnswersOnThePodIp()
    {
        Apply(Deployment("web", replicas: 2, readinessPath: "/index.html"), Deployment("sick", replicas: 1, readinessPath: "/missing.html"),
            Deployment("unprobed", replicas: 1, readinessPath: "/index.html", readinessDelaySeconds: 3600), Service("web"), Service("sick"));
        (await _cluster.KubectlAsync("rollout status deployment/web --timeout=120s")).EnsureSuccess("rollout status");

        var pods = await PodsAsync("web", ps => ps.Count == 2 && ps.All(p => Ready(p)));
        var ips = pods.Select(p => p["status"]!["podIP"]!.GetValue<string>()).ToList();
        ips.ShouldAllBe(ip => ip.StartsWith("127.77.", StringComparison.Ordinal));
        foreach (var pod in pods)
        {
            var status = pod["status"]!["containerStatuses"]![0]!;
            status["state"]!["running"]!["startedAt"].ShouldNotBeNull();
            status["ready"]!.GetValue<bool>().ShouldBeTrue();
            status["started"]!.GetValue<bool>().ShouldBeTrue();
            status["restartCount"]!.GetValue<int>().ShouldBe(0);
            status["containerID"]!.GetValue<string>().ShouldStartWith("containerd://host-");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        (await http.GetStringAsync($"http://{ips[0]}:8080/")).ShouldContain("hello from a pod");

        var endpoints = await EventuallyAsync(
            async () => JsonNode.Parse((await _cluster.KubectlAsync("get endpoints web -o json")).EnsureSuccess("get endpoints").StdOut)!,
            e => e["subsets"]?[0]?["addresses"]?.AsArray().Count == 2);
        endpoints["subsets"]![0]!["addresses"]!.AsArray().Select(a => a!["ip"]!.GetValue<string>()).ShouldBe(ips, ignoreOrder: true);

        // The sick pod runs (its server answers) but its readiness probe gets 404: not Ready, never an endpoint.
        var sick = (await PodsAsync("sick", ps => ps.Count == 1 && ps[0]["status"]?["containerStatuses"]?[0]?["state"]?["running"] is not null)).Single();
        await Task.Delay(TimeSpan.FromSeconds(3));
        sick = (await PodsAsync("sick", ps => ps.Count == 1)).Single();
        Ready(sick).ShouldBeFalse();
        sick["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!["message"]!.GetValue<string>()
            .ShouldBe("containers with unready status: [app]");
        var sickEndpoints = JsonNode.Parse((await _cluster.KubectlAsync("get endpoints sick -o json")).EnsureSuccess("get endpoints").StdOut)!;
        sickEndpoints["subsets"]![0]!["addresses"].ShouldBeNull();
        sickEndpoints["subsets"]![0]!["notReadyAddresses"]![0]!["ip"]!.GetValue<string>().ShouldBe(sick["status"]!["podIP"]!.GetValue<string>());
        (await _cluster.KubectlAsync("get pods -l app=sick")).EnsureSuccess("get pods").StdOut.ShouldMatch(@"sick-\S+\s+0/1\s+Running\s+0");

        // Until its readiness probe has succeeded once, a running container is not ready.
        var unprobed = (await PodsAsync("unprobed", ps => ps.Count == 1 && ps[0]["status"]?["containerStatuses"]?[0]?["state"]?["running"] is not null)).Single();
        Ready(unprobed).ShouldBeFalse();
        unprobed["status"]!["containerStatuses"]![0]!["ready"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task CrashingContainer_BacksOffInCrashLoopBackOff_RestartCountRises_AndLogsPreviousShowWhy()
    {
        Apply(Deployment("crash", replicas: 1, command: ["/bin/sh", "-c", "echo starting up; echo 'fatal: DATABASE_URL is not set' >&2; exit 3"]));

        var pod = (await PodsAsync("crash", ps => ps.Count == 1
            && ps[0]["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() >= 2
            && ps[0]["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"]?.GetValue<string>() == "CrashLoopBackOff")).Single();
        var status = pod["status"]!["containerStatuses"]![0]!;
        status["state"]!["waiting"]!["message"]!.GetValue<string>().ShouldStartWith("back-off ");
        status["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>().ShouldBe(3);
        status["lastState"]!["terminated"]!["reason"]!.GetValue<string>().ShouldBe("Error");
        status["ready"]!.GetValue<bool>().ShouldBeFalse();
        var name = pod["metadata"]!["name"]!.GetValue<string>();

        var previous = (await _cluster.KubectlAsync($"logs {name} --previous")).EnsureSuccess("logs --previous").StdOut;
        // stdout and stderr are read separately, so their relative order is not kept (as with a real kubelet).
        previous.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["starting up", "fatal: DATABASE_URL is not set"], ignoreOrder: true);
        (await _cluster.KubectlAsync($"logs {name} --tail=1")).EnsureSuccess("logs --tail=1").StdOut.ShouldBeOneOf("starting up\n", "fatal: DATABASE_URL is not set\n");
        var followed = (await _cluster.KubectlAsync($"logs {name} --follow --timestamps")).EnsureSuccess("logs --follow of an ended instance returns").StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        followed.Length.ShouldBe(2);
        followed.ShouldAllBe(line => Regex.IsMatch(line, @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z (starting up|fatal: DATABASE_URL is not set)$"));
        (await _cluster.KubectlAsync($"logs {name} -c nope")).StdErr.ShouldContain($"container nope is not valid for pod {name}");
        var table = await EventuallyAsync(
            async () => (await _cluster.KubectlAsync("get pods -l app=crash")).EnsureSuccess("get pods").StdOut,
            text => text.Contains("CrashLoopBackOff", StringComparison.Ordinal));
        table.ShouldMatch(@"crash-\S+\s+0/1\s+CrashLoopBackOff\s+\d+");
    }

    [Fact]
    public async Task FailingLivenessProbe_RestartsTheContainer()
    {
        Apply(Deployment("alive", replicas: 1, livenessPath: "/alive.html"));
        var pod = (await PodsAsync("alive", ps => ps.Count == 1 && Ready(ps[0]))).Single();
        pod["status"]!["containerStatuses"]![0]!["restartCount"]!.GetValue<int>().ShouldBe(0);

        File.Delete(Path.Combine(_www, "alive.html"));
        pod = (await PodsAsync("alive", ps => ps.Count == 1 && ps[0]["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() >= 1)).Single();
        var terminated = pod["status"]!["containerStatuses"]![0]!["lastState"]!["terminated"]!;
        terminated["exitCode"]!.GetValue<int>().ShouldBeOneOf(137, 143);

        File.WriteAllText(Path.Combine(_www, "alive.html"), "ok again");
        await PodsAsync("alive", ps => ps.Count == 1 && Ready(ps[0]) && ps[0]["status"]!["containerStatuses"]![0]!["state"]!["running"] is not null);
    }

    [Fact]
    public async Task DeletingTheDeployment_StopsItsContainers_AndRemovesTheirLogs()
    {
        Apply(Deployment("doomed", replicas: 2, readinessPath: "/index.html"));
        (await _cluster.KubectlAsync("rollout status deployment/doomed --timeout=120s")).EnsureSuccess("rollout status");
        _runtime.LiveProcessIds.Count.ShouldBe(2);
        Directory.EnumerateDirectories(Path.Combine(_cluster.DataDirectory, "pod-logs")).Count().ShouldBe(2);

        (await _cluster.KubectlAsync("delete deployment doomed")).EnsureSuccess("delete");
        await EventuallyAsync(() => Task.FromResult(_runtime.LiveProcessIds.Count), count => count == 0);
        await EventuallyAsync(() => Task.FromResult(Directory.EnumerateDirectories(Path.Combine(_cluster.DataDirectory, "pod-logs")).Count()), count => count == 0);
    }

    private void Apply(params string[] manifests)
    {
        var path = _cluster.WriteFile($"manifest-{Guid.NewGuid():N}.yaml", string.Join("\n---\n", manifests));
        _cluster.KubectlAsync($"apply -f {path}").GetAwaiter().GetResult().EnsureSuccess("apply");
    }

    private string Deployment(string name, int replicas, string? readinessPath = null, string? livenessPath = null, string[]? command = null, int readinessDelaySeconds = 0)
    {
        var argv = command ?? ["/bin/busybox", "httpd", "-f", "-p", "$(POD_IP):8080", "-h", _www];
        var probes = (readinessPath is null ? "" : $"""
                    readinessProbe:
                      httpGet: {"{"}path: {readinessPath}, port: http{"}"}
                      initialDelaySeconds: {readinessDelaySeconds}
                      periodSeconds: 1
                      timeoutSeconds: 5
                      failureThreshold: 1
            """ + "\n")
            + (livenessPath is null ? "" : $"""
                    livenessProbe:
                      httpGet: {"{"}path: {livenessPath}, port: 8080{"}"}
                      periodSeconds: 1
                      timeoutSeconds: 5
                      failureThreshold: 2
            """ + "\n");
        return $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{"}name: {name}{"}"}
            spec:
              replicas: {replicas}
              selector: {"{"}matchLabels: {"{"}app: {name}{"}"}{"}"}
              template:
                metadata: {"{"}labels: {"{"}app: {name}{"}"}{"}"}
                spec:
                  terminationGracePeriodSeconds: 3
                  containers:
                  - name: app
                    image: localhost:5000/{name}:v1
                    command: [{string.Join(", ", argv.Select(a => $"\"{a}\""))}]
                    env:
                    - name: POD_IP
                      valueFrom: {"{"}fieldRef: {"{"}fieldPath: status.podIP{"}"}{"}"}
                    ports:
                    - {"{"}name: http, containerPort: 8080{"}"}
            {probes}
            """;
    }

    private static string Service(string name) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}}
        spec:
          selector: {app: {{name}}}
          ports:
          - {port: 80, targetPort: http}
        """;

    private static bool Ready(JsonObject pod)
        => pod["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true;

    private Task<List<JsonObject>> PodsAsync(string app, Func<List<JsonObject>, bool> condition)
        => EventuallyAsync(
            async () => JsonNode.Parse((await _cluster.KubectlAsync($"get pods -l app={app} -o json")).EnsureSuccess("get pods").StdOut)!["items"]!
                .AsArray().Select(p => (JsonObject)p!).ToList(),
            condition);

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        T last;
        do
        {
            last = await probe();
            if (condition(last))
            {
                return last;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException("The condition did not hold in time; last seen: " + (last is JsonNode n ? n.ToJsonString() : last is List<JsonObject> l ? string.Join("\n", l.Select(o => o.ToJsonString())) : last?.ToString()));
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Tests.Controllers;

public sealed class ClusterControllersTests
{
    private const string Image = "localhost:4566/my-app:v1";

    [Fact]
    public async Task Deployment_WithPushedImage_OwnsRevisionedReplicaSetWhosePodsRunAndReportsAvailable()
    {
        await using var cluster = new ControllerHarness();
        cluster.Push(Image);
        var created = await cluster.CreateAsync(KubernetesResources.Deployments, ControllerHarness.DeploymentJson("web", Image));

        var deployment = await cluster.DeploymentAsync("web", ControllerHarness.IsAvailable, "web to be available");
        deployment["status"]!["replicas"]!.GetValue<int>().ShouldBe(2);
        deployment["status"]!["updatedReplicas"]!.GetValue<int>().ShouldBe(2);
        deployment["status"]!["readyReplicas"]!.GetValue<int>().ShouldBe(2);
        deployment["status"]!["availableReplicas"]!.GetValue<int>().ShouldBe(2);
        deployment["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>().ShouldBe("1");

        var replicaSet = cluster.ReplicaSets("web").ShouldHaveSingleItem();
        var hash = replicaSet["metadata"]!["labels"]!["pod-template-hash"]!.GetValue<string>();
        hash.ShouldMatch("^[bcdfghjklmnpqrstvwxz2456789]+$");
        replicaSet["metadata"]!["name"]!.GetValue<string>().ShouldBe("web-" + hash);
        replicaSet["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>().ShouldBe("1");
        var owner = replicaSet["metadata"]!["ownerReferences"]![0]!;
        owner["uid"]!.GetValue<string>().ShouldBe(created["metadata"]!["uid"]!.GetValue<string>());
        owner["kind"]!.GetValue<string>().ShouldBe("Deployment");
        owner["controller"]!.GetValue<bool>().ShouldBeTrue();
        replicaSet["spec"]!["selector"]!["matchLabels"]!["pod-template-hash"]!.GetValue<string>().ShouldBe(hash);

        var pods = cluster.Pods("web");
        pods.Count.ShouldBe(2);
        foreach (var pod in pods)
        {
            pod["metadata"]!["name"]!.GetValue<string>().ShouldStartWith($"web-{hash}-");
            pod["metadata"]!["ownerReferences"]![0]!["uid"]!.GetValue<string>().ShouldBe(replicaSet["metadata"]!["uid"]!.GetValue<string>());
            pod["status"]!["phase"]!.GetValue<string>().ShouldBe("Running");
            pod["status"]!["podIP"]!.GetValue<string>().ShouldStartWith("192.168.");
            var container = pod["status"]!["containerStatuses"]![0]!;
            container["ready"]!.GetValue<bool>().ShouldBeTrue();
            container["imageID"]!.GetValue<string>().ShouldBe(cluster.Images[Image]);
            container["state"]!["running"]!["startedAt"].ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task Deployment_WithMissingImage_ShowsImagePullBackOffAndExceedsItsDeadline_ThenRollsOutOncePushed()
    {
        await using var cluster = new ControllerHarness();
        await cluster.CreateAsync(KubernetesResources.Deployments, ControllerHarness.DeploymentJson("broken", Image, progressDeadlineSeconds: 2));

        await cluster.EventuallyAsync(
            () => cluster.Pods("broken"),
            pods => pods.Count == 2 && pods.All(p => WaitingReason(p) == "ImagePullBackOff"),
            "both pods in ImagePullBackOff");
        var pod = cluster.Pods("broken")[0];
        pod["status"]!["phase"]!.GetValue<string>().ShouldBe("Pending");
        pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["message"]!.GetValue<string>().ShouldBe($"Back-off pulling image \"{Image}\": ErrImagePull: {Image}: not found");
        pod["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!["reason"]!.GetValue<string>().ShouldBe("ContainersNotReady");

        var stuck = await cluster.DeploymentAsync(
            "broken",
            d => d["status"]?["conditions"]?.AsArray().Any(c => c!["reason"]?.GetValue<string>() == "ProgressDeadlineExceeded") == true,
            "the progress deadline to be exceeded");
        var available = stuck["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Available")!;
        available["status"]!.GetValue<string>().ShouldBe("False");
        available["reason"]!.GetValue<string>().ShouldBe("MinimumReplicasUnavailable");
        stuck["status"]!["unavailableReplicas"]!.GetValue<int>().ShouldBe(2);
        stuck["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Progressing")!["message"]!.GetValue<string>()
            .ShouldEndWith("has timed out progressing.");

        cluster.Push(Image);
        await cluster.DeploymentAsync("broken", ControllerHarness.IsAvailable, "the deployment to roll out once the image exists");
    }

    [Fact]
    public async Task RollingUpdate_NeverExceedsMaxSurgeOrDropsBelowMaxUnavailable_AndRollbackReusesTheOldReplicaSet()
    {
        await using var cluster = new ControllerHarness();
        const string V2 = "localhost:4566/my-app:v2";
        cluster.Push(Image);
        cluster.Push(V2);
        const string Strategy = "\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":1,\"maxUnavailable\":0}},";
        await cluster.CreateAsync(KubernetesResources.Deployments, ControllerHarness.DeploymentJson("rolling", Image, replicas: 4, strategy: Strategy));
        var first = await cluster.DeploymentAsync("rolling", ControllerHarness.IsAvailable, "the first rollout");

        var violations = new List<string>();
        using var watch = cluster.Store.Watch(KubernetesResources.Pods, new ObjectWatchOptions { Namespace = "default", LabelSelector = "app=rolling" });
        var observer = Task.Run(async () =>
        {
            var pods = new Dictionary<string, bool>();
            await foreach (var change in watch.Events.ReadAllAsync())
            {
                var name = change.Object["metadata"]!["name"]!.GetValue<string>();
                if (change.Type == ObjectEventType.Deleted)
                {
                    pods.Remove(name);
                }
                else
                {
                    pods[name] = change.Object["status"]?["conditions"]?.AsArray().Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true;
                }

                if (pods.Count > 5 || (pods.Count >= 4 && pods.Values.Count(ready => ready) < 4 && change.Type == ObjectEventType.Deleted))
                {
                    violations.Add($"{pods.Count} pods, {pods.Values.Count(r => r)} ready after {change.Type} {name}");
                }
            }
        });

        var updated = cluster.Store.Get(KubernetesResources.Deployments, "default", "rolling")!;
        updated["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = V2;
        await cluster.Store.UpdateAsync(KubernetesResources.Deployments, updated);
        var second = await cluster.DeploymentAsync(
            "rolling",
            d => ControllerHarness.IsAvailable(d) && d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>() == "2" && d["status"]?["replicas"]?.GetValue<int>() == 4,
            "the update to roll out");
        second["metadata"]!["generation"]!.GetValue<long>().ShouldBe(first["metadata"]!["generation"]!.GetValue<long>() + 1);
        await cluster.EventuallyAsync(() => cluster.Pods("rolling"), pods => pods.Count == 4, "old pods to go");
        cluster.Pods("rolling").ShouldAllBe(p => p["spec"]!["containers"]![0]!["image"]!.GetValue<string>() == V2);
        var sets = cluster.ReplicaSets("rolling");
        sets.Count.ShouldBe(2);
        var old = sets.Single(s => s["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>() == "1");
        old["spec"]!["replicas"]!.GetValue<int>().ShouldBe(0);

        // Rollback: the template returns to v1, so the first ReplicaSet is scaled up again as revision 3.
        var rollback = cluster.Store.Get(KubernetesResources.Deployments, "default", "rolling")!;
        rollback["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = Image;
        await cluster.Store.UpdateAsync(KubernetesResources.Deployments, rollback);
        await cluster.DeploymentAsync(
            "rolling",
            d => ControllerHarness.IsAvailable(d) && d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>() == "3" && d["status"]?["replicas"]?.GetValue<int>() == 4,
            "the rollback");
        var reused = cluster.Store.Get(KubernetesResources.ReplicaSets, "default", old["metadata"]!["name"]!.GetValue<string>())!;
        reused["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]!.GetValue<string>().ShouldBe("3");
        reused["spec"]!["replicas"]!.GetValue<int>().ShouldBe(4);
        cluster.ReplicaSets("rolling").Count.ShouldBe(2);

        watch.Dispose();
        await observer;
        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task LoadBalancerService_GetsElbHostnameAndEndpointsOfReadyPods()
    {
        await using var cluster = new ControllerHarness();
        cluster.Push(Image);
        await cluster.CreateAsync(KubernetesResources.Deployments, ControllerHarness.DeploymentJson("shop", Image, replicas: 3));
        await cluster.CreateAsync(KubernetesResources.Services, """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"shop","namespace":"default"},
             "spec":{"type":"LoadBalancer","selector":{"app":"shop"},"ports":[{"name":"web","port":80,"targetPort":"http","protocol":"TCP"}]}}
            """);

        var service = await cluster.EventuallyAsync(
            () => cluster.Store.Get(KubernetesResources.Services, "default", "shop"),
            s => s["status"]?["loadBalancer"]?["ingress"] is JsonArray { Count: 1 },
            "a load balancer host name");
        service["status"]!["loadBalancer"]!["ingress"]![0]!["hostname"]!.GetValue<string>()
            .ShouldMatch(@"^a[0-9a-f]{31}-\d{10}\.us-east-1\.elb\.amazonaws\.com$");

        var endpoints = await cluster.EventuallyAsync(
            () => cluster.Store.Get(KubernetesResources.Endpoints, "default", "shop"),
            e => ReadyAddresses(e) == 3,
            "three ready endpoints");
        endpoints["subsets"]![0]!["ports"]![0]!["port"]!.GetValue<int>().ShouldBe(8080);
        endpoints["subsets"]![0]!["addresses"]!.AsArray().Select(a => a!["ip"]!.GetValue<string>())
            .ShouldBe(cluster.Pods("shop").Select(p => p["status"]!["podIP"]!.GetValue<string>()), ignoreOrder: true);

        var scaled = cluster.Store.Get(KubernetesResources.Deployments, "default", "shop")!;
        scaled["spec"]!["replicas"] = 1;
        await cluster.Store.UpdateAsync(KubernetesResources.Deployments, scaled);
        await cluster.EventuallyAsync(
            () => cluster.Store.Get(KubernetesResources.Endpoints, "default", "shop"),
            e => ReadyAddresses(e) == 1,
            "endpoints to follow the scale-down");
    }

    [Fact]
    public async Task NodePools_BecomeReadyNodesWithInstanceCapacity_PodsAreAssignedAndTaintsRespected()
    {
        await using var cluster = new ControllerHarness();
        await cluster.Controllers.SyncNodesAsync([
            new NodePool { Name = "general", Count = 2, InstanceType = "t3.medium", Cpu = 2, MemoryMiB = 4096, MaxPods = 17 },
            new NodePool { Name = "gpu", Count = 1, InstanceType = "t3.large", Cpu = 2, MemoryMiB = 8192, MaxPods = 35, Taints = [new NodeTaint("gpu", "true", "NoSchedule")] },
        ]);
        var nodes = cluster.Store.List(KubernetesResources.Nodes).Items;
        nodes.Count.ShouldBe(3);
        foreach (var node in nodes)
        {
            node["metadata"]!["name"]!.GetValue<string>().ShouldMatch(@"^ip-192-168-\d+-\d+\.ec2\.internal$");
            node["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!["status"]!.GetValue<string>().ShouldBe("True");
        }

        var general = nodes.Where(n => n["metadata"]!["labels"]!["eks.amazonaws.com/nodegroup"]!.GetValue<string>() == "general").ToList();
        general.Count.ShouldBe(2);
        general[0]["status"]!["capacity"]!["cpu"]!.GetValue<string>().ShouldBe("2");
        general[0]["status"]!["capacity"]!["pods"]!.GetValue<string>().ShouldBe("17");
        general[0]["metadata"]!["labels"]!["node.kubernetes.io/instance-type"]!.GetValue<string>().ShouldBe("t3.medium");

        cluster.Push(Image);
        await cluster.CreateAsync(KubernetesResources.Deployments, ControllerHarness.DeploymentJson("placed", Image, replicas: 4));
        await cluster.DeploymentAsync("placed", ControllerHarness.IsAvailable, "placed to be available");
        var generalNames = general.Select(n => n["metadata"]!["name"]!.GetValue<string>()).ToHashSet();
        cluster.Pods("placed").ShouldAllBe(p => generalNames.Contains(p["spec"]!["nodeName"]!.GetValue<string>()));

        await cluster.Controllers.SyncNodesAsync([new NodePool { Name = "general", Count = 1, InstanceType = "t3.medium", Cpu = 2, MemoryMiB = 4096, MaxPods = 17 }]);
        cluster.Store.List(KubernetesResources.Nodes).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Controllers_AfterARestart_PickUpWorkCreatedWhileTheyWereStopped()
    {
        await using var cluster = new ControllerHarness();
        cluster.Push(Image);
        await cluster.CreateAsync(KubernetesResources.Deployments, ControllerHarness.DeploymentJson("before", Image));
        await cluster.DeploymentAsync("before", ControllerHarness.IsAvailable, "before to be available");
        await cluster.Controllers.DisposeAsync();
        await cluster.CreateAsync(KubernetesResources.Deployments, ControllerHarness.DeploymentJson("during", Image));

        await cluster.RestartAsync();

        await cluster.DeploymentAsync("during", ControllerHarness.IsAvailable, "the deployment created while stopped to be available");
        cluster.ReplicaSets("before").Count.ShouldBe(1);
        cluster.Pods("before").Count.ShouldBe(2);
    }

    private static int ReadyAddresses(JsonObject endpoints)
        => endpoints["subsets"] is JsonArray { Count: > 0 } subsets && subsets[0]!["addresses"] is JsonArray addresses ? addresses.Count : 0;

    private static string? WaitingReason(JsonObject pod)
        => pod["status"]?["containerStatuses"] is JsonArray { Count: > 0 } statuses ? statuses[0]!["state"]?["waiting"]?["reason"]?.GetValue<string>() : null;
}

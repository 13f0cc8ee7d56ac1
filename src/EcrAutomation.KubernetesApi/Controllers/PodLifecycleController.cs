using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// The scheduler and the kubelet: assigns each pod to a Ready node that has room, tolerates its taints and matches its
/// nodeSelector (pods of a cluster with no nodes run unassigned, as on Fargate), then pulls its images through the host's
/// resolver. While an image does not resolve the pod stays Pending with ErrImagePull and then ImagePullBackOff, retried at
/// an interval, so a pushed image lets it start. When all resolve, the pod runs: through the <see cref="Kubelet"/> when
/// the host has a <see cref="IPodRuntime"/> (real containers, probes, restarts, logs), otherwise it is Running and Ready
/// at once with container statuses, a pod IP derived from its uid and image IDs, but no process.
/// </summary>
internal sealed class PodLifecycleController(ObjectStore store, ClusterControllerOptions options, Kubelet? kubelet) : Controller(store, options)
{
    private readonly ConcurrentDictionary<string, int> _pullFailures = new(StringComparer.Ordinal);

    protected override IEnumerable<GroupVersionResource> Watched => [KubernetesResources.Pods, KubernetesResources.Nodes];

    protected override IEnumerable<string> KeysFor(ObjectEvent change)
    {
        if (change.Resource == KubernetesResources.Pods)
        {
            if (change.Type == ObjectEventType.Deleted)
            {
                _pullFailures.TryRemove(change.Object.Uid(), out _);
                kubelet?.Stop(change.Object);
                return [];
            }

            return [ObjectKey.Of(change.Object)];
        }

        // A node came, went or changed: pods waiting for one may fit now.
        return List(KubernetesResources.Pods, null)
            .Where(p => string.IsNullOrEmpty(p["spec"]?["nodeName"].Text()) && !p.IsTerminating())
            .Select(ObjectKey.Of);
    }

    protected override async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var pod = Store.Get(KubernetesResources.Pods, ns, name);
        if (pod is not null && pod.IsTerminating())
        {
            kubelet?.Stop(pod);
        }

        if (pod is null || pod.IsTerminating() || PodStatus.IsFinished(pod)
            || (kubelet is null ? pod["status"]?["phase"].Text() == "Running" : kubelet.IsRunning(pod.Uid())))
        {
            return;
        }

        var original = (JsonObject)pod.DeepClone();
        var now = Time.GetUtcNow();
        var node = Schedule(pod, out var unschedulable);
        if (unschedulable is not null)
        {
            pod.Status()["phase"] = "Pending";
            pod.SetCondition("PodScheduled", false, "Unschedulable", unschedulable, now, withUpdateTime: false);
            await UpdateIfChangedAsync(KubernetesResources.Pods, original, pod, cancellationToken).ConfigureAwait(false);
            return;
        }

        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var pulls = new List<(JsonObject Container, ImageResolution Result)>();
        foreach (var container in containers)
        {
            var image = container["image"].Text() ?? string.Empty;
            var result = image.Length == 0
                ? ImageResolution.Failed("the container has no image")
                : await Options.ResolveImageAsync(image, cancellationToken).ConfigureAwait(false);
            pulls.Add((container, result));
        }

        var status = pod.Status();
        if (HostIp(node) is { } host)
        {
            status["hostIP"] = host;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = host });
        }
        if (kubelet is null)
        {
            status["podIP"] = PodIp(pod);
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = PodIp(pod) });
        }

        status["startTime"] ??= ObjectJson.Timestamp(now);
        status["qosClass"] = QosClass(containers);
        pod.SetCondition("PodScheduled", true, string.Empty, string.Empty, now, withUpdateTime: false);
        pod.SetCondition("Initialized", true, string.Empty, string.Empty, now, withUpdateTime: false);
        var failed = pulls.Where(p => p.Result.ImageId is null).Select(p => p.Container["name"].Text()).ToList();
        if (failed.Count == 0 && kubelet is not null)
        {
            _pullFailures.TryRemove(pod.Uid(), out _);
            var imageIds = pulls.Select(p => p.Result.ImageId!).ToList();
            status["phase"] ??= "Pending";
            status["containerStatuses"] ??= new JsonArray([.. pulls.Select(p => (JsonNode)ContainerStatus(p.Container, WaitingState("ContainerCreating")))]);
            var running = await UpdateIfChangedAsync(KubernetesResources.Pods, original, pod, cancellationToken).ConfigureAwait(false);
            kubelet.Start(running, imageIds);
            return;
        }

        if (failed.Count == 0)
        {
            _pullFailures.TryRemove(pod.Uid(), out _);
            status["phase"] = "Running";
            pod.SetCondition("PodReadyToStartContainers", true, string.Empty, string.Empty, now, withUpdateTime: false);
            pod.SetCondition("ContainersReady", true, string.Empty, string.Empty, now, withUpdateTime: false);
            pod.SetCondition("Ready", true, string.Empty, string.Empty, now, withUpdateTime: false);
            status["containerStatuses"] = new JsonArray([.. pulls.Select(p => (JsonNode)ContainerStatus(
                p.Container, new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectJson.Timestamp(now) } },
                p.Result.ImageId, "containerd://" + Hex(pod.Uid() + "/" + p.Container["name"].Text())))]);
        }
        else
        {
            var attempts = _pullFailures.AddOrUpdate(pod.Uid(), 1, (_, n) => n + 1);
            status["phase"] = "Pending";
            var message = $"containers with unready status: [{string.Join(' ', failed)}]";
            pod.SetCondition("PodReadyToStartContainers", true, string.Empty, string.Empty, now, withUpdateTime: false);
            pod.SetCondition("ContainersReady", false, "ContainersNotReady", message, now, withUpdateTime: false);
            pod.SetCondition("Ready", false, "ContainersNotReady", message, now, withUpdateTime: false);
            status["containerStatuses"] = new JsonArray([.. pulls.Select(p => (JsonNode)ContainerStatus(p.Container, p.Result.ImageId is null
                ? new JsonObject { ["waiting"] = Waiting(p.Container["image"].Text() ?? string.Empty, p.Result.Error!, attempts) }
                : WaitingState("PodInitializing")))]);
            Queue.AddAfter(key, Options.ImagePullRetryInterval, cancellationToken);
        }

        await UpdateIfChangedAsync(KubernetesResources.Pods, original, pod, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>containerStatuses</c> entry of a container that has not restarted: running (ready and started, with its image
    /// and container ids) when <paramref name="imageId"/> is given, else not yet.
    /// </summary>
    private static JsonObject ContainerStatus(JsonObject container, JsonObject state, string? imageId = null, string? containerId = null)
    {
        var running = imageId is not null;
        var entry = new JsonObject
        {
            ["name"] = container["name"].Text(),
            ["state"] = state,
            ["lastState"] = new JsonObject(),
            ["ready"] = running,
            ["restartCount"] = 0,
            ["image"] = container["image"].Text(),
            ["imageID"] = imageId ?? string.Empty,
        };
        if (containerId is not null) entry["containerID"] = containerId;
        entry["started"] = running;
        return entry;
    }

    /// <summary>A container state waiting for <paramref name="reason"/>.</summary>
    private static JsonObject WaitingState(string reason) => new() { ["waiting"] = new JsonObject { ["reason"] = reason } };

    /// <summary>The first pull failure shows as ErrImagePull, later ones as ImagePullBackOff (kubelet's back-off).</summary>
    private static JsonObject Waiting(string image, string error, int attempts) => attempts <= 1
        ? new JsonObject { ["reason"] = "ErrImagePull", ["message"] = $"Failed to pull image \"{image}\": {error}" }
        : new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = $"Back-off pulling image \"{image}\": ErrImagePull: {error}" };

    /// <summary>Picks the pod's node (already assigned, or the Ready node with the fewest pods that fits), or says why none fits.</summary>
    private JsonObject? Schedule(JsonObject pod, out string? unschedulable)
    {
        unschedulable = null;
        var nodes = List(KubernetesResources.Nodes, null);
        if (pod["spec"]?["nodeName"].Text() is { Length: > 0 } assigned)
        {
            return nodes.FirstOrDefault(n => n.Name() == assigned);
        }

        if (nodes.Count == 0)
        {
            return null;
        }

        var podsPerNode = List(KubernetesResources.Pods, null)
            .Where(p => !p.IsTerminating() && !PodStatus.IsFinished(p))
            .GroupBy(p => p["spec"]?["nodeName"].Text() ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var candidates = nodes
            .Where(n => Fits(pod, n, podsPerNode.GetValueOrDefault(n.Name())))
            .OrderBy(n => podsPerNode.GetValueOrDefault(n.Name()))
            .ThenBy(n => n.Name(), StringComparer.Ordinal)
            .ToList();
        if (candidates.Count == 0)
        {
            unschedulable = $"0/{nodes.Count} nodes are available: {nodes.Count} node(s) didn't match Pod's node affinity/selector, had untolerated taints or too many pods.";
            return null;
        }

        pod.Spec()["nodeName"] = candidates[0].Name();
        return candidates[0];
    }

    private static bool Fits(JsonObject pod, JsonObject node, int podsOnNode)
    {
        if (node.Condition("Ready")?["status"].Text() != "True" || node["spec"]?["unschedulable"]?.GetValue<bool>() == true)
        {
            return false;
        }

        if (int.TryParse(node["status"]?["allocatable"]?["pods"].Text(), out var maxPods) && podsOnNode >= maxPods)
        {
            return false;
        }

        var labels = node.Labels();
        if (ObjectJson.StringMap(pod["spec"]?["nodeSelector"]).Any(s => labels.GetValueOrDefault(s.Key) != s.Value))
        {
            return false;
        }

        var tolerations = (pod["spec"]?["tolerations"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        return (node["spec"]?["taints"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(t => t["effect"].Text() is "NoSchedule" or "NoExecute")
            .All(taint => tolerations.Any(t => Tolerates(t, taint)));
    }

    private static bool Tolerates(JsonObject toleration, JsonObject taint)
    {
        if (toleration["effect"].Text() is { Length: > 0 } effect && effect != taint["effect"].Text())
        {
            return false;
        }

        var key = toleration["key"].Text();
        if (toleration["operator"].Text() == "Exists")
        {
            return string.IsNullOrEmpty(key) || key == taint["key"].Text();
        }

        return key == taint["key"].Text() && (toleration["value"].Text() ?? string.Empty) == (taint["value"].Text() ?? string.Empty);
    }

    private static string QosClass(List<JsonObject> containers)
    {
        var resources = containers.Select(c => c["resources"] as JsonObject).ToList();
        if (resources.All(r => r?["requests"] is null && r?["limits"] is null))
        {
            return "BestEffort";
        }

        return resources.All(r => r?["limits"]?["cpu"] is not null && r?["limits"]?["memory"] is not null
                                  && (r["requests"] is null || JsonNode.DeepEquals(r["requests"], r["limits"])))
            ? "Guaranteed"
            : "Burstable";
    }

    private static string? HostIp(JsonObject? node)
        => (node?["status"]?["addresses"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(a => a["type"].Text() == "InternalIP")?["address"].Text();

    /// <summary>A stable pod IP in the VPC range, derived from the pod's uid.</summary>
    private static string PodIp(JsonObject pod)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(pod.Uid()));
        return $"192.168.{32 + (bytes[0] % 192)}.{1 + (bytes[1] % 253)}";
    }

    private static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}

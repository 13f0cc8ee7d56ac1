using System.Text.Json.Nodes;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>
/// pulumi-kubernetes' await logic: a Deployment is ready when its controller has observed this generation, the
/// ReplicaSet of its current revision (owned by it) has the desired ready replicas and the Available (and, after the
/// first revision, Progressing/NewReplicaSetAvailable) conditions hold; a Service when a LoadBalancer has ingress and its
/// Endpoints list ready addresses and have settled; other kinds at once. Failures say why (pod errors such as
/// ImagePullBackOff naming the image, a selector matching no Pods, the deadline).
/// </summary>
internal static class ReadinessAwaiter
{
    private static readonly HashSet<string> PodFailureReasons = new(StringComparer.Ordinal)
        { "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError" };

    /// <summary>Waits until <paramref name="written"/> (the object the create or update returned) is ready; returns the live object.</summary>
    /// <exception cref="AwaitFailedException">It did not become ready; the message says why.</exception>
    public static Task<JsonObject> AwaitAsync(AwaitContext context, JsonObject written, CancellationToken cancellationToken)
    {
        if (context.Kind == KubernetesKinds.AppsV1Deployment) return DeploymentAsync(context, written, cancellationToken);
        if (context.Kind == KubernetesKinds.CoreV1Service) return ServiceAsync(context, written, cancellationToken);
        return Task.FromResult(written);
    }

    private static async Task<JsonObject> DeploymentAsync(AwaitContext context, JsonObject written, CancellationToken cancellationToken)
    {
        var generation = ObjectConversion.NumberAt(written, "metadata", "generation") ?? 0;
        var path = context.Kind.ObjectPath(context.Namespace, context.Name);
        var podErrors = new List<string>();
        var state = "Waiting for the Deployment controller to observe the change";
        while (true)
        {
            var live = await context.Cluster.GetAsync(path, cancellationToken).ConfigureAwait(false)
                ?? throw new AwaitFailedException($"{context.Display} was deleted while waiting for it to become available");
            var desired = ObjectConversion.NumberAt(live, "spec", "replicas") ?? 1;
            var observed = ObjectConversion.NumberAt(live, "status", "observedGeneration") ?? 0;
            var revision = ObjectConversion.StringAt(live, "metadata", "annotations", "deployment.kubernetes.io/revision");
            var progressing = Condition(live, "Progressing");
            if (ObjectConversion.StringAt(progressing, "reason") == "ProgressDeadlineExceeded")
                throw new AwaitFailedException(Failure(context, $"the Deployment exceeded its progress deadline: {ObjectConversion.StringAt(progressing, "message")}", podErrors));
            if (observed >= generation && revision is not null)
            {
                var replicaSet = await CurrentReplicaSetAsync(context, live, revision, cancellationToken).ConfigureAwait(false);
                if (replicaSet is not null)
                {
                    var ready = ObjectConversion.NumberAt(replicaSet, "status", "readyReplicas") ?? 0;
                    var available = ObjectConversion.NumberAt(replicaSet, "status", "availableReplicas") ?? 0;
                    var availableCondition = ObjectConversion.StringAt(Condition(live, "Available"), "status") == "True";
                    var rolledOut = revision == "1" || ObjectConversion.StringAt(progressing, "status") == "True" && ObjectConversion.StringAt(progressing, "reason") == "NewReplicaSetAvailable";
                    if (availableCondition && rolledOut && ready >= desired)
                    {
                        context.Progress("Deployment initialization complete");
                        return live;
                    }
                    state = $"Waiting for app ReplicaSet to be available ({available}/{desired} Pods available)";
                    podErrors = await PodErrorsAsync(context, live, replicaSet, cancellationToken).ConfigureAwait(false);
                    foreach (var error in podErrors) context.Warn(error);
                }
                else state = "Waiting for the Deployment's new ReplicaSet";
            }
            context.Progress(state);
            if (context.PastDeadline)
                throw new AwaitFailedException(Failure(context, $"timed out after {context.Timeout} waiting for the Deployment to become available. {state}; the minimum number of Pods to consider the application live was not attained", podErrors));
            await context.DelayAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Failure(AwaitContext context, string reason, IReadOnlyList<string> podErrors) =>
        $"{context.Display}: {reason}" + (podErrors.Count == 0 ? "" : "\n" + string.Join("\n", podErrors.Select(e => "  * " + e)));

    private static JsonObject? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => ObjectConversion.StringAt(c, "type") == type);

    private static string? LabelSelector(JsonObject obj)
    {
        var labels = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
        return labels is null || labels.Count == 0 ? null : string.Join(',', labels.Select(kv => $"{kv.Key}={kv.Value?.GetValue<string>()}"));
    }

    private static bool IsOwnedBy(JsonObject obj, string? uid) =>
        uid is not null && (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Any(o => ObjectConversion.StringAt(o, "uid") == uid);

    private static async Task<JsonObject?> CurrentReplicaSetAsync(AwaitContext context, JsonObject deployment, string revision, CancellationToken cancellationToken)
    {
        var uid = ObjectConversion.StringAt(deployment, "metadata", "uid");
        var sets = await context.Cluster.ListAsync(ApiPaths.Collection("apps", "v1", "replicasets", context.Namespace), LabelSelector(deployment), cancellationToken).ConfigureAwait(false);
        return sets.FirstOrDefault(rs => IsOwnedBy(rs, uid) && ObjectConversion.StringAt(rs, "metadata", "annotations", "deployment.kubernetes.io/revision") == revision);
    }

    /// <summary>Why the current ReplicaSet's pods are not ready, as pulumi-kubernetes reports it.</summary>
    private static async Task<List<string>> PodErrorsAsync(AwaitContext context, JsonObject deployment, JsonObject replicaSet, CancellationToken cancellationToken)
    {
        var uid = ObjectConversion.StringAt(replicaSet, "metadata", "uid");
        var pods = await context.Cluster.ListAsync(ApiPaths.Collection("", "v1", "pods", context.Namespace), LabelSelector(deployment), cancellationToken).ConfigureAwait(false);
        var errors = new List<string>();
        foreach (var pod in pods.Where(p => IsOwnedBy(p, uid)))
        {
            var podName = ObjectConversion.StringAt(pod, "metadata", "name");
            foreach (var status in (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var waiting = status["state"]?["waiting"];
                if (ObjectConversion.StringAt(waiting, "reason") is { } reason && PodFailureReasons.Contains(reason))
                    errors.Add($"[Pod {context.Namespace}/{podName}]: container \"{ObjectConversion.StringAt(status, "name")}\" (image \"{ObjectConversion.StringAt(status, "image")}\") is {reason}: {ObjectConversion.StringAt(waiting, "message")}");
            }
        }
        return errors;
    }

    private static async Task<JsonObject> ServiceAsync(AwaitContext context, JsonObject written, CancellationToken cancellationToken)
    {
        var path = context.Kind.ObjectPath(context.Namespace, context.Name);
        var endpointsPath = ApiPaths.Collection("", "v1", "endpoints", context.Namespace) + "/" + Uri.EscapeDataString(context.Name);
        var type = ObjectConversion.StringAt(written, "spec", "type") ?? "ClusterIP";
        var selects = written["spec"]?["selector"] is JsonObject { Count: > 0 } && type != "ExternalName";
        string? endpointsVersion = null;
        var endpointsChanged = context.Now;
        while (true)
        {
            var live = await context.Cluster.GetAsync(path, cancellationToken).ConfigureAwait(false)
                ?? throw new AwaitFailedException($"{context.Display} was deleted while waiting for it to become ready");
            var serviceReady = type != "LoadBalancer" || (live["status"]?["loadBalancer"]?["ingress"] as JsonArray)?.Count > 0;
            var endpointsReady = true;
            var endpointsSettled = true;
            if (selects)
            {
                var endpoints = await context.Cluster.GetAsync(endpointsPath, cancellationToken).ConfigureAwait(false);
                var version = ObjectConversion.StringAt(endpoints, "metadata", "resourceVersion");
                if (version != endpointsVersion) (endpointsVersion, endpointsChanged) = (version, context.Now);
                endpointsReady = (endpoints?["subsets"] as JsonArray ?? []).OfType<JsonObject>().Any(s => (s["addresses"] as JsonArray)?.Count > 0);
                endpointsSettled = context.Now - endpointsChanged >= context.Options.EndpointsSettleTime;
            }
            if (serviceReady && endpointsReady && endpointsSettled)
            {
                context.Progress("Service initialization complete");
                return live;
            }
            context.Progress(!endpointsReady ? "Finding Pods to direct traffic to" : !serviceReady ? "Attempting to allocate IP address to load balancer" : "Waiting for the Service's endpoints to settle");
            if (context.PastDeadline)
            {
                // As pulumi-kubernetes: at the deadline, an allocated Service with ready endpoints counts as ready.
                if (serviceReady && endpointsReady) return live;
                var reasons = new List<string>();
                if (!endpointsReady) reasons.Add("Service does not target any Pods. Selected Pods may not be ready, or field '.spec.selector' may not match labels on any Pods");
                if (!serviceReady) reasons.Add("Service was not allocated an IP address; does your cloud provider support this?");
                throw new AwaitFailedException($"{context.Display}: timed out after {context.Timeout} waiting for the Service to become ready: {string.Join("; ", reasons)}");
            }
            await context.DelayAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

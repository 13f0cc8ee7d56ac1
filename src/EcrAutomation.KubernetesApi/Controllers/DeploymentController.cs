using System.Globalization;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Deployments → ReplicaSets, as kube-controller-manager's deployment controller: one ReplicaSet per pod template
/// (named <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, owned by the Deployment, with the
/// <c>deployment.kubernetes.io/revision</c> annotation), rolling updates within maxSurge/maxUnavailable (or Recreate),
/// rollback by reusing the ReplicaSet whose template matches, and the status kubectl and Pulumi wait on:
/// observedGeneration, replica counts and the Available and Progressing conditions.
/// </summary>
internal sealed class DeploymentController(ObjectStore store, ClusterControllerOptions options) : Controller(store, options)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    private const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    protected override IEnumerable<GroupVersionResource> Watched => [KubernetesResources.Deployments, KubernetesResources.ReplicaSets];

    protected override IEnumerable<string> KeysFor(ObjectEvent change)
    {
        if (change.Resource == KubernetesResources.Deployments)
        {
            yield return ObjectKey.Of(change.Object);
        }
        else if (ObjectJson.ControllerOf(change.Object) is { } owner && owner["kind"].Text() == ObjectJson.ControllerKindDeployment)
        {
            yield return ObjectKey.Of(change.Object.Namespace(), owner["name"].Text()!);
        }
    }

    protected override async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var deployment = Store.Get(KubernetesResources.Deployments, ns, name);
        if (deployment is null || deployment.IsTerminating() || deployment["spec"]?["template"] is not JsonObject template)
        {
            return;
        }

        var original = (JsonObject)deployment.DeepClone();
        var now = Time.GetUtcNow();
        var spec = deployment.Spec();
        var replicas = spec["replicas"].Int(1);
        var owned = List(KubernetesResources.ReplicaSets, ns, Selectors.FromLabelSelector(spec["selector"])).Where(rs => rs.IsControlledBy(deployment.Uid())).ToList();
        var collisionCount = deployment["status"]?["collisionCount"].Int(0) ?? 0;
        var hash = PodTemplateHash.Compute(template, collisionCount);
        var newSet = owned.FirstOrDefault(rs => rs["spec"]?["template"] is JsonObject t && PodTemplateHash.EqualIgnoringHash(t, template));
        var oldSets = owned.Where(rs => rs != newSet).OrderBy(rs => rs["metadata"]?["creationTimestamp"].Text(), StringComparer.Ordinal).ToList();
        var maxOldRevision = oldSets.Select(Revision).DefaultIfEmpty(0).Max();
        var createdNewSet = false;

        var surge = IntOrPercent.Resolve(spec["strategy"]?["rollingUpdate"]?["maxSurge"], "25%", replicas, roundUp: true);
        var unavailable = IntOrPercent.Resolve(spec["strategy"]?["rollingUpdate"]?["maxUnavailable"], "25%", replicas, roundUp: false);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        var recreate = spec["strategy"]?["type"].Text() == "Recreate";
        var paused = spec["paused"]?.GetValue<bool>() == true;
        if (newSet is null && !paused)
        {
            var initial = recreate
                ? (oldSets.All(rs => ReplicaCount(rs) == 0 && StatusReplicas(rs) == 0) ? replicas : 0)
                : Math.Max(0, Math.Min(replicas, replicas + surge - oldSets.Sum(ReplicaCount)));
            if (oldSets.Count == 0)
            {
                initial = replicas;
            }

            newSet = await CreateReplicaSetAsync(deployment, template, hash, initial, maxOldRevision + 1, surge, cancellationToken).ConfigureAwait(false);
            createdNewSet = true;
        }
        else if (newSet is not null && Revision(newSet) <= maxOldRevision)
        {
            // A rollback (or a template returning to an older one): that ReplicaSet becomes the newest revision again.
            var bumped = (JsonObject)newSet.DeepClone();
            bumped.SetAnnotation(RevisionAnnotation, (maxOldRevision + 1).ToString(CultureInfo.InvariantCulture));
            newSet = await Store.UpdateAsync(KubernetesResources.ReplicaSets, bumped, cancellationToken).ConfigureAwait(false);
        }

        if (newSet is not null && !paused)
        {
            newSet = await ScaleAsync(newSet, oldSets, replicas, surge, unavailable, recreate, cancellationToken).ConfigureAwait(false);
        }

        if (newSet is not null)
        {
            deployment.SetAnnotation(RevisionAnnotation, Revision(newSet).ToString(CultureInfo.InvariantCulture));
        }

        SetStatus(deployment, newSet, oldSets, replicas, unavailable, createdNewSet, paused, now);
        await UpdateIfChangedAsync(KubernetesResources.Deployments, original, deployment, cancellationToken).ConfigureAwait(false);
        if (deployment.Condition("Progressing") is { } progressing && progressing["reason"].Text() is "NewReplicaSetCreated" or "ReplicaSetUpdated"
            && ObjectJson.ParseTimestamp(progressing["lastUpdateTime"]) is { } lastUpdate)
        {
            Queue.AddAfter(key, lastUpdate + Deadline(deployment) - now + TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private async Task<JsonObject> CreateReplicaSetAsync(JsonObject deployment, JsonObject template, string hash, int replicas, long revision, int surge, CancellationToken cancellationToken)
    {
        var podTemplate = (JsonObject)template.DeepClone();
        podTemplate.Metadata().Child("labels")[PodTemplateHash.Label] = hash;
        var selector = (JsonObject)(deployment["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        selector.Child("matchLabels")[PodTemplateHash.Label] = hash;
        var labels = (JsonObject)podTemplate.Metadata()["labels"]!.DeepClone();
        var annotations = new JsonObject();
        foreach (var (annotation, value) in ObjectJson.StringMap(deployment["metadata"]?["annotations"]))
        {
            if (annotation is not LastAppliedAnnotation and not RevisionAnnotation)
            {
                annotations[annotation] = value;
            }
        }

        var specReplicas = deployment.Spec()["replicas"].Int(1);
        annotations[DesiredReplicasAnnotation] = specReplicas.ToString(CultureInfo.InvariantCulture);
        annotations[MaxReplicasAnnotation] = (specReplicas + surge).ToString(CultureInfo.InvariantCulture);
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        var replicaSet = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deployment.Name()}-{hash}",
                ["namespace"] = deployment.Namespace(),
                ["labels"] = labels,
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(ObjectJson.OwnerReference(deployment, ObjectJson.ControllerKindDeployment)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["minReadySeconds"] = deployment.Spec()["minReadySeconds"].Int(0),
                ["selector"] = selector,
                ["template"] = podTemplate,
            },
            ["status"] = new JsonObject { ["replicas"] = 0 },
        };
        return await Store.CreateAsync(KubernetesResources.ReplicaSets, replicaSet, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One step of the rollout: grow the new ReplicaSet within maxSurge, shrink old ones within maxUnavailable.</summary>
    private async Task<JsonObject> ScaleAsync(JsonObject newSet, List<JsonObject> oldSets, int replicas, int surge, int unavailable, bool recreate, CancellationToken cancellationToken)
    {
        if (recreate)
        {
            foreach (var old in oldSets.Where(rs => ReplicaCount(rs) > 0))
            {
                await SetReplicasAsync(old, 0, replicas, surge, cancellationToken).ConfigureAwait(false);
            }

            var oldPodsGone = oldSets.All(rs => StatusReplicas(rs) == 0);
            return oldPodsGone && ReplicaCount(newSet) != replicas
                ? await SetReplicasAsync(newSet, replicas, replicas, surge, cancellationToken).ConfigureAwait(false)
                : newSet;
        }

        // Old pods count until they are gone, not only until their ReplicaSet is scaled down, so maxSurge holds for pods.
        var total = Math.Max(ReplicaCount(newSet), StatusReplicas(newSet)) + oldSets.Sum(rs => Math.Max(ReplicaCount(rs), StatusReplicas(rs)));
        var target = ReplicaCount(newSet);
        if (target < replicas)
        {
            target = Math.Min(replicas, target + Math.Max(0, replicas + surge - total));
        }
        else if (target > replicas)
        {
            target = replicas;
        }

        if (target != ReplicaCount(newSet) || newSet.Annotation(DesiredReplicasAnnotation) != replicas.ToString(CultureInfo.InvariantCulture))
        {
            newSet = await SetReplicasAsync(newSet, target, replicas, surge, cancellationToken).ConfigureAwait(false);
        }

        var minAvailable = replicas - unavailable;
        var newUnavailable = Math.Max(0, ReplicaCount(newSet) - Available(newSet));
        var allPods = ReplicaCount(newSet) + oldSets.Sum(ReplicaCount);

        // First old pods that are not available anyway, then available ones while enough stay available.
        var cleanup = allPods - minAvailable - newUnavailable;
        var scaleDown = Available(newSet) + oldSets.Sum(Available) - minAvailable - newUnavailable;
        foreach (var old in oldSets.Where(rs => ReplicaCount(rs) > 0))
        {
            var count = ReplicaCount(old);
            var unhealthy = Math.Min(Math.Max(0, cleanup), Math.Max(0, count - Available(old)));
            cleanup -= unhealthy;
            count -= unhealthy;
            var healthy = Math.Min(Math.Max(0, scaleDown), count);
            scaleDown -= healthy;
            count -= healthy;
            if (count != ReplicaCount(old))
            {
                await SetReplicasAsync(old, count, replicas, surge, cancellationToken).ConfigureAwait(false);
            }
        }

        return newSet;
    }

    private async Task<JsonObject> SetReplicasAsync(JsonObject replicaSet, int count, int desired, int surge, CancellationToken cancellationToken)
    {
        var changed = (JsonObject)replicaSet.DeepClone();
        changed.Spec()["replicas"] = count;
        changed.SetAnnotation(DesiredReplicasAnnotation, desired.ToString(CultureInfo.InvariantCulture));
        changed.SetAnnotation(MaxReplicasAnnotation, (desired + surge).ToString(CultureInfo.InvariantCulture));
        return await UpdateIfChangedAsync(KubernetesResources.ReplicaSets, replicaSet, changed, cancellationToken).ConfigureAwait(false);
    }

    private void SetStatus(JsonObject deployment, JsonObject? newSet, List<JsonObject> oldSets, int replicas, int unavailable, bool createdNewSet, bool paused, DateTimeOffset now)
    {
        var all = oldSets.Concat(newSet is null ? [] : [newSet]).ToList();
        var status = deployment.Status();
        var previous = (JsonObject)status.DeepClone();
        var total = all.Sum(StatusReplicas);
        var updated = newSet is null ? 0 : StatusReplicas(newSet);
        var ready = all.Sum(rs => rs["status"]?["readyReplicas"].Int(0) ?? 0);
        var available = all.Sum(Available);
        status["observedGeneration"] = deployment.Generation();
        status["replicas"] = total;
        status["updatedReplicas"] = updated;
        status["readyReplicas"] = ready;
        status["availableReplicas"] = available;
        status["unavailableReplicas"] = Math.Max(0, replicas - available);
        foreach (var zero in (string[])["replicas", "updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"])
        {
            // Like the real API (omitempty), zero counts are left out.
            if (status[zero].Int(0) == 0)
            {
                status.Remove(zero);
            }
        }

        if (available >= replicas - unavailable)
        {
            deployment.SetCondition("Available", true, "MinimumReplicasAvailable", "Deployment has minimum availability.", now, withUpdateTime: true);
        }
        else
        {
            deployment.SetCondition("Available", false, "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, withUpdateTime: true);
        }

        var setName = newSet?.Name() ?? deployment.Name();
        var complete = newSet is not null && updated == replicas && total == replicas && available == replicas && ReplicaCount(newSet) == replicas;
        var progressing = deployment.Condition("Progressing");
        if (paused)
        {
            deployment.SetCondition("Progressing", false, "DeploymentPaused", "Deployment is paused", now, withUpdateTime: true);
        }
        else if (complete)
        {
            deployment.SetCondition("Progressing", true, "NewReplicaSetAvailable", $"ReplicaSet \"{setName}\" has successfully progressed.", now, withUpdateTime: true);
        }
        else if (createdNewSet)
        {
            deployment.SetCondition("Progressing", true, "NewReplicaSetCreated", $"Created new replica set \"{setName}\"", now, withUpdateTime: true, touch: true);
        }
        else if (progressing is null || !JsonNode.DeepEquals(Counts(previous), Counts(status)) || progressing["reason"].Text() is "NewReplicaSetAvailable" or "DeploymentPaused")
        {
            deployment.SetCondition("Progressing", true, "ReplicaSetUpdated", $"ReplicaSet \"{setName}\" is progressing.", now, withUpdateTime: true, touch: true);
        }
        else if (progressing["reason"].Text() != "ProgressDeadlineExceeded"
                 && ObjectJson.ParseTimestamp(progressing["lastUpdateTime"]) is { } lastUpdate && lastUpdate + Deadline(deployment) <= now)
        {
            deployment.SetCondition("Progressing", false, "ProgressDeadlineExceeded", $"ReplicaSet \"{setName}\" has timed out progressing.", now, withUpdateTime: true);
        }

        // Kubernetes lists Available before Progressing.
        if (status["conditions"] is JsonArray conditions)
        {
            var ordered = conditions.OfType<JsonObject>().OrderBy(c => c["type"].Text() == "Available" ? 0 : 1).Select(c => c.DeepClone()).ToArray();
            status["conditions"] = new JsonArray(ordered);
        }
    }

    private static JsonObject Counts(JsonObject status)
    {
        var counts = new JsonObject();
        foreach (var name in (string[])["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"])
        {
            counts[name] = status[name].Int(0);
        }

        return counts;
    }

    private static TimeSpan Deadline(JsonObject deployment) => TimeSpan.FromSeconds(deployment["spec"]?["progressDeadlineSeconds"].Int(600) ?? 600);

    private static long Revision(JsonObject replicaSet)
        => long.TryParse(replicaSet.Annotation(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    private static int ReplicaCount(JsonObject replicaSet) => replicaSet["spec"]?["replicas"].Int(1) ?? 1;

    private static int StatusReplicas(JsonObject replicaSet) => replicaSet["status"]?["replicas"].Int(0) ?? 0;

    private static int Available(JsonObject replicaSet) => replicaSet["status"]?["availableReplicas"].Int(0) ?? 0;
}

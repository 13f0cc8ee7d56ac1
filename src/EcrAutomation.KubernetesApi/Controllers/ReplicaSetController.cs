using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// ReplicaSets → Pods: creates pods from the template (owned by the ReplicaSet, named <c>&lt;replicaset&gt;-&lt;5 chars&gt;</c>)
/// until <c>spec.replicas</c> exist, deletes the least useful ones (unscheduled, then not ready, then newest) when there are
/// too many, and reports replicas, readyReplicas, availableReplicas and observedGeneration.
/// </summary>
internal sealed class ReplicaSetController(ObjectStore store, ClusterControllerOptions options) : Controller(store, options)
{
    protected override IEnumerable<GroupVersionResource> Watched => [KubernetesResources.ReplicaSets, KubernetesResources.Pods];

    protected override IEnumerable<string> KeysFor(ObjectEvent change)
    {
        if (change.Resource == KubernetesResources.ReplicaSets)
        {
            yield return ObjectKey.Of(change.Object);
        }
        else if (ObjectJson.ControllerOf(change.Object) is { } owner && owner["kind"].Text() == "ReplicaSet")
        {
            yield return ObjectKey.Of(change.Object.Namespace(), owner["name"].Text()!);
        }
    }

    protected override async Task ReconcileAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectKey.Split(key);
        var replicaSet = Store.Get(KubernetesResources.ReplicaSets, ns, name);
        if (replicaSet is null || replicaSet.IsTerminating())
        {
            return;
        }

        var pods = List(KubernetesResources.Pods, ns, Selectors.FromLabelSelector(replicaSet["spec"]?["selector"]))
            .Where(p => p.IsControlledBy(replicaSet.Uid()) && !p.IsTerminating() && !PodStatus.IsFinished(p))
            .ToList();
        var wanted = replicaSet["spec"]?["replicas"].Int(1) ?? 1;
        if (pods.Count < wanted && replicaSet["spec"]?["template"] is JsonObject template)
        {
            for (var i = pods.Count; i < wanted; i++)
            {
                pods.Add(await Store.CreateAsync(KubernetesResources.Pods, NewPod(replicaSet, template), cancellationToken).ConfigureAwait(false));
            }
        }
        else if (pods.Count > wanted)
        {
            var victims = pods
                .OrderBy(p => string.IsNullOrEmpty(p["spec"]?["nodeName"].Text()) ? 0 : 1)
                .ThenBy(p => PodStatus.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => p["metadata"]?["creationTimestamp"].Text(), StringComparer.Ordinal)
                .Take(pods.Count - wanted)
                .ToList();
            foreach (var victim in victims)
            {
                try
                {
                    await Store.DeleteAsync(KubernetesResources.Pods, ns, victim.Name(), new ObjectDeleteOptions { Uid = victim.Uid() }, cancellationToken).ConfigureAwait(false);
                }
                catch (ObjectStoreException ex) when (ex.Failure == StoreFailure.NotFound)
                {
                }

                pods.Remove(victim);
            }
        }

        var original = (JsonObject)replicaSet.DeepClone();
        var status = replicaSet.Status();
        var ready = pods.Count(PodStatus.IsReady);
        status["replicas"] = pods.Count;
        status["fullyLabeledReplicas"] = pods.Count;
        status["readyReplicas"] = ready;
        status["availableReplicas"] = ready;
        status["observedGeneration"] = replicaSet.Generation();
        foreach (var zero in (string[])["fullyLabeledReplicas", "readyReplicas", "availableReplicas"])
        {
            if (status[zero].Int(0) == 0)
            {
                status.Remove(zero);
            }
        }

        await UpdateIfChangedAsync(KubernetesResources.ReplicaSets, original, replicaSet, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject NewPod(JsonObject replicaSet, JsonObject template)
    {
        var metadata = (JsonObject)(template["metadata"]?.DeepClone() ?? new JsonObject());
        metadata.Remove("name");
        metadata["generateName"] = replicaSet.Name() + "-";
        metadata["namespace"] = replicaSet.Namespace();
        metadata["ownerReferences"] = new JsonArray(ObjectJson.OwnerReference(replicaSet, "ReplicaSet"));
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
            ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" },
        };
    }
}

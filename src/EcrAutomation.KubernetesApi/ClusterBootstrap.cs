using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi;

/// <summary>The objects every cluster has from the start: the system namespaces.</summary>
internal static class ClusterBootstrap
{
    private static readonly string[] SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static async Task EnsureAsync(ObjectStore store, CancellationToken cancellationToken)
    {
        foreach (var name in SystemNamespaces)
        {
            if (store.Get(KubernetesResources.Namespaces, null, name) is null)
            {
                await store.CreateAsync(KubernetesResources.Namespaces, Namespace(name), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };
}

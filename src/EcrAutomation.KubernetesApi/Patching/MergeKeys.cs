using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Patching;

/// <summary>
/// The list merge keys of the built-in types (from their <c>patchMergeKey</c> tags), by list field name: what strategic
/// merge patch and server-side apply use to match list items. Lists not named here are atomic (replaced whole).
/// </summary>
internal static class MergeKeys
{
    private static readonly Dictionary<string, string> ByField = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["hostAliases"] = "ip",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
    };

    private static readonly HashSet<string> PrimitiveSets = new(StringComparer.Ordinal) { "finalizers" };

    /// <summary>The merge key of the list in <paramref name="field"/>, given a sample of its items, or null if it is atomic.</summary>
    public static string? For(string field, IEnumerable<JsonNode?> items)
    {
        if (ByField.TryGetValue(field, out var key))
        {
            return key;
        }

        if (field == "ports")
        {
            // Container ports merge by containerPort, service ports by port.
            return items.OfType<JsonObject>().Any(i => i.ContainsKey("containerPort")) ? "containerPort" : "port";
        }

        return null;
    }

    /// <summary>Whether the list of scalars in <paramref name="field"/> merges as a set (e.g. finalizers).</summary>
    public static bool IsPrimitiveSet(string field) => PrimitiveSets.Contains(field);
}

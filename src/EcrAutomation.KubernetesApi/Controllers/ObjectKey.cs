using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>The <c>namespace/name</c> keys controllers queue (cluster-scoped objects have an empty namespace).</summary>
internal static class ObjectKey
{
    public static string Of(JsonObject obj) => Of(obj.Namespace(), obj.Name());

    public static string Of(string? @namespace, string name) => $"{@namespace}/{name}";

    public static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}

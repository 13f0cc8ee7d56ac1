using Microsoft.AspNetCore.Http;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>A parsed resource URL: <c>/api/v1/namespaces/{ns}/pods/{name}/status</c> and its variants.</summary>
internal sealed record ResourcePath(ResourceDefinition Definition, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Parses a path below <c>/api</c> or <c>/apis</c>; null when it is not a resource path; 404 Status for unknown resources.</summary>
    public static ResourcePath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        int rest;
        string group, version;
        if (segments is ["api", var coreVersion, _, ..])
        {
            (group, version, rest) = (string.Empty, coreVersion, 2);
        }
        else if (segments is ["apis", var apiGroup, var apiVersion, _, ..])
        {
            (group, version, rest) = (apiGroup, apiVersion, 3);
        }
        else
        {
            return null;
        }

        var tail = segments[rest..];
        string? ns = null;
        if (tail is ["namespaces", var namespaceName, var nested, ..] && nested is not ("status" or "finalize"))
        {
            ns = namespaceName;
            tail = tail[2..];
        }

        var definition = ResourceCatalog.Find(group, version, tail[0])
            ?? throw ApiStatus.NotFound("the server could not find the requested resource");
        if (ns is not null && !definition.Namespaced)
        {
            throw ApiStatus.NotFound("the server could not find the requested resource");
        }

        var subresource = tail.Length > 2 ? tail[2] : null;
        if (tail.Length > 3 || subresource is not (null or "status" or "scale" or "log")
            || (subresource == "scale" && !definition.HasScale) || (subresource == "status" && !definition.HasStatus)
            || (subresource == "log" && definition.Resource != KubernetesResources.Pods))
        {
            throw ApiStatus.NotFound("the server could not find the requested resource");
        }

        return new ResourcePath(definition, ns, tail.Length > 1 ? tail[1] : null, subresource);
    }

    public static string? Query(HttpContext context, string name) =>
        context.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;
}

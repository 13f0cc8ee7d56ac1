using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>The EKS control plane over restJson (requests signed for the <c>eks</c> service): routes to <see cref="EksControlPlane"/>.</summary>
internal sealed class EksApi(EksControlPlane clusters)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "/").Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var ct = context.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(request, ct).ConfigureAwait(false);
            var response = (request.Method, segments) switch
            {
                ("POST", ["clusters"]) => await clusters.CreateClusterAsync(body, ct).ConfigureAwait(false),
                ("GET", ["clusters"]) => await clusters.ListClustersAsync(ct).ConfigureAwait(false),
                ("GET", ["clusters", var name]) => await clusters.DescribeClusterAsync(name, ct).ConfigureAwait(false),
                ("DELETE", ["clusters", var name]) => await clusters.DeleteClusterAsync(name, ct).ConfigureAwait(false),
                ("POST", ["clusters", var name, "updates"]) => await clusters.UpdateClusterVersionAsync(name, body, ct).ConfigureAwait(false),
                ("GET", ["clusters", var name, "updates", var id]) => await clusters.DescribeUpdateAsync(name, id, Query(request, "nodegroupName"), Query(request, "addonName"), ct).ConfigureAwait(false),
                ("POST", ["clusters", var name, "node-groups"]) => await clusters.CreateNodegroupAsync(name, body, ct).ConfigureAwait(false),
                ("GET", ["clusters", var name, "node-groups"]) => await clusters.ListNodegroupsAsync(name, ct).ConfigureAwait(false),
                ("GET", ["clusters", var name, "node-groups", var nodegroup]) => await clusters.DescribeNodegroupAsync(name, nodegroup, ct).ConfigureAwait(false),
                ("DELETE", ["clusters", var name, "node-groups", var nodegroup]) => await clusters.DeleteNodegroupAsync(name, nodegroup, ct).ConfigureAwait(false),
                ("POST", ["clusters", var name, "node-groups", var nodegroup, "update-config"]) => await clusters.UpdateNodegroupConfigAsync(name, nodegroup, body, ct).ConfigureAwait(false),
                ("POST", ["clusters", var name, "node-groups", var nodegroup, "update-version"]) => await clusters.UpdateNodegroupVersionAsync(name, nodegroup, body, ct).ConfigureAwait(false),
                ("GET", ["addons", "supported-versions"]) => EksControlPlane.DescribeAddonVersions(Query(request, "addonName"), Query(request, "kubernetesVersion")),
                ("POST", ["clusters", var name, "addons"]) => await clusters.CreateAddonAsync(name, body, ct).ConfigureAwait(false),
                ("GET", ["clusters", var name, "addons"]) => await clusters.ListAddonsAsync(name, ct).ConfigureAwait(false),
                ("GET", ["clusters", var name, "addons", var addon]) => await clusters.DescribeAddonAsync(name, addon, ct).ConfigureAwait(false),
                ("POST", ["clusters", var name, "addons", var addon, "update"]) => await clusters.UpdateAddonAsync(name, addon, body, ct).ConfigureAwait(false),
                ("DELETE", ["clusters", var name, "addons", var addon]) => await clusters.DeleteAddonAsync(name, addon, ct).ConfigureAwait(false),
                _ => throw new EksException("UnknownOperationException", $"{request.Method} {request.Path} is not an EKS operation the local cloud serves.", 404),
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString(), ct).ConfigureAwait(false);
        }
        catch (EksException ex)
        {
            await WriteErrorAsync(context, ex).ConfigureAwait(false);
        }
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)))
        {
            return [];
        }

        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject
                ?? throw EksException.InvalidParameter("The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw EksException.InvalidParameter("The request body is not valid JSON: " + ex.Message);
        }
    }

    private static string? Query(HttpRequest request, string name)
        => request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static async Task WriteErrorAsync(HttpContext context, EksException error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-ErrorType"] = error.ErrorType;
        await context.Response.WriteAsync(new JsonObject { ["message"] = error.Message }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}

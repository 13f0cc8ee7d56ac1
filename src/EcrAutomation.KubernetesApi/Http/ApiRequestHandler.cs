using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>Serves every request of one cluster's API: authentication, then the path decides discovery, health or a resource.</summary>
internal sealed class ApiRequestHandler
{
    private static readonly string[] AnonymousPaths = ["/healthz", "/readyz", "/livez"];
    private readonly KubernetesApiServerOptions _options;
    private readonly ResourceEndpoint _resources;
    private readonly PodLogEndpoint _logs;
    private readonly RequestMetrics _metrics = new();

    public ApiRequestHandler(ObjectStore store, KubernetesApiServerOptions options, CancellationToken serverStopping)
    {
        _options = options;
        _resources = new ResourceEndpoint(store, options.TimeProvider, serverStopping);
        _logs = new PodLogEndpoint(store, options.TimeProvider, serverStopping);
    }

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await HandleRequestAsync(context).ConfigureAwait(false);
        }
        finally
        {
            if (context.Request.Path != "/metrics") _metrics.Record(context);
        }
    }

    private async Task HandleRequestAsync(HttpContext context)
    {
        try
        {
            var path = context.Request.Path.Value?.TrimEnd('/') ?? string.Empty;
            if (!AnonymousPaths.Any(p => path.StartsWith(p, StringComparison.Ordinal)) && !await AuthenticatedAsync(context).ConfigureAwait(false))
            {
                throw ApiStatus.Unauthorized();
            }

            await RouteAsync(context, path).ConfigureAwait(false);
        }
        catch (ApiStatus status)
        {
            await WriteJsonAsync(context, status.Code, status.ToJson()).ConfigureAwait(false);
        }
        catch (ObjectStoreException e)
        {
            var (code, reason) = e.Failure switch
            {
                StoreFailure.NotFound => (StatusCodes.Status404NotFound, "NotFound"),
                StoreFailure.AlreadyExists => (StatusCodes.Status409Conflict, "AlreadyExists"),
                StoreFailure.Conflict => (StatusCodes.Status409Conflict, "Conflict"),
                StoreFailure.Expired => (StatusCodes.Status410Gone, "Expired"),
                _ => (StatusCodes.Status422UnprocessableEntity, "Invalid"),
            };
            await WriteJsonAsync(context, code, ApiStatus.Body(code, reason, e.Message)).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, ApiStatus.BadRequest(e.Message).ToJson()).ConfigureAwait(false);
        }
        catch (InvalidOperationException e) when (e.TargetSite?.DeclaringType?.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true)
        {
            // A request field of the wrong JSON type (e.g. a number where a name belongs): the body is at fault.
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, ApiStatus.BadRequest($"the request body has a field of the wrong type: {e.Message}").ToJson()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            // A defect here must still answer as an API server does, with a Status the client can show.
            await WriteJsonAsync(context, StatusCodes.Status500InternalServerError, ApiStatus.Body(500, "InternalError", $"Internal error occurred: {e.Message}")).ConfigureAwait(false);
        }
    }

    private async Task<bool> AuthenticatedAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && header.Length > Bearer.Length
            && await _options.AuthenticateAsync(header[Bearer.Length..].Trim(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task RouteAsync(HttpContext context, string path)
    {
        switch (path)
        {
            case "/healthz" or "/readyz" or "/livez":
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
                return;
            case "/metrics":
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await context.Response.WriteAsync(_metrics.Render(), context.RequestAborted).ConfigureAwait(false);
                return;
            case "/version":
                await WriteJsonAsync(context, StatusCodes.Status200OK, VersionInfo()).ConfigureAwait(false);
                return;
            case "/api":
                await WriteJsonAsync(context, 200, Discovery.CoreVersions($"{context.Request.Host}")).ConfigureAwait(false);
                return;
            case "/apis":
                await WriteJsonAsync(context, 200, Discovery.Groups()).ConfigureAwait(false);
                return;
            case "/openapi/v3":
                await WriteJsonAsync(context, 200, OpenApi.Index()).ConfigureAwait(false);
                return;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 200, OpenApi.Document(path["/openapi/v3/".Length..])
                ?? throw ApiStatus.NotFound("the server could not find the requested resource")).ConfigureAwait(false);
            return;
        }

        var segments = path.Trim('/').Split('/');
        var discovery = segments switch
        {
            ["api", var version] => Discovery.Resources(string.Empty, version),
            ["apis", var group] when Discovery.GroupNames().Contains(group) => Discovery.Group(group),
            ["apis", var group, var version] => Discovery.Resources(group, version),
            _ => null,
        };
        if (discovery is not null)
        {
            await WriteJsonAsync(context, 200, discovery).ConfigureAwait(false);
            return;
        }

        var resource = ResourcePath.Parse(path) ?? throw ApiStatus.NotFound("the server could not find the requested resource");
        await (resource.Subresource == "log" ? _logs.HandleAsync(context, resource) : _resources.HandleAsync(context, resource)).ConfigureAwait(false);
    }

    private JsonObject VersionInfo()
    {
        var minor = _options.KubernetesVersion.Split('.').ElementAtOrDefault(1) ?? "32";
        var major = _options.KubernetesVersion.Split('.')[0];
        return new JsonObject
        {
            ["major"] = major,
            ["minor"] = minor,
            ["gitVersion"] = $"v{major}.{minor}.0-eks-local",
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2026-01-01T00:00:00Z",
            ["goVersion"] = "go1.23.0",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    internal static async Task WriteJsonAsync(HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}

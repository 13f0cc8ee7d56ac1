using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Patching;
using EcrAutomation.KubernetesApi.Storage;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>The REST verbs on one resource path: list/watch, get, create, update, patch, apply, delete, deletecollection, and the status and scale subresources.</summary>
internal sealed class ResourceEndpoint
{
    private static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(5);
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly CancellationToken _serverStopping;

    public ResourceEndpoint(ObjectStore store, TimeProvider time, CancellationToken serverStopping)
    {
        _store = store;
        _time = time;
        _serverStopping = serverStopping;
    }

    public async Task HandleAsync(HttpContext context, ResourcePath path)
    {
        var method = context.Request.Method;
        var definition = path.Definition;
        if (path.Namespace is null && definition.Namespaced && path.Name is not null)
        {
            throw ApiStatus.NotFound("the server could not find the requested resource");
        }

        if (path.Name is null)
        {
            switch (method)
            {
                case "GET" when Flag(context, "watch"):
                    await WatchAsync(context, path).ConfigureAwait(false);
                    return;
                case "GET":
                    await ListAsync(context, path).ConfigureAwait(false);
                    return;
                case "POST":
                    await CreateAsync(context, path).ConfigureAwait(false);
                    return;
                case "DELETE":
                    await DeleteCollectionAsync(context, path).ConfigureAwait(false);
                    return;
                default:
                    throw ApiStatus.MethodNotAllowed($"the server does not allow this method on the requested resource");
            }
        }

        switch (method)
        {
            case "GET" when Flag(context, "watch"):
                await WatchAsync(context, path).ConfigureAwait(false);
                return;
            case "GET":
                var live = Live(path);
                await WriteAsync(context, 200, path.Subresource == "scale" ? Scale(live) : live, path).ConfigureAwait(false);
                return;
            case "PUT":
                await ReplaceAsync(context, path, await RequestBody.ReadAsync(context).ConfigureAwait(false) as JsonObject
                    ?? throw ApiStatus.BadRequest("the request body must be an object")).ConfigureAwait(false);
                return;
            case "PATCH":
                await PatchAsync(context, path).ConfigureAwait(false);
                return;
            case "DELETE":
                await DeleteAsync(context, path).ConfigureAwait(false);
                return;
            default:
                throw ApiStatus.MethodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private JsonObject Live(ResourcePath path) =>
        _store.Get(path.Definition.Resource, path.Namespace, path.Name!)
        ?? throw NotFound(path.Definition, path.Name!);

    private static ApiStatus NotFound(ResourceDefinition definition, string name) =>
        ApiStatus.NotFound($"{ObjectStore.Describe(definition.Resource)} \"{name}\" not found", new JsonObject
        {
            ["name"] = name,
            ["group"] = definition.Group,
            ["kind"] = definition.Plural,
        });

    private async Task ListAsync(HttpContext context, ResourcePath path)
    {
        var limit = int.TryParse(ResourcePath.Query(context, "limit"), CultureInfo.InvariantCulture, out var l) ? l : 0;
        var list = _store.List(path.Definition.Resource, new ObjectListOptions
        {
            Namespace = path.Namespace,
            LabelSelector = ResourcePath.Query(context, "labelSelector"),
            FieldSelector = ResourcePath.Query(context, "fieldSelector"),
            Limit = limit,
            Continue = ResourcePath.Query(context, "continue"),
        });
        var metadata = new JsonObject { ["resourceVersion"] = list.ResourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (list.Continue is not null)
        {
            metadata["continue"] = list.Continue;
            metadata["remainingItemCount"] = list.RemainingItemCount;
        }

        if (WantsTable(context))
        {
            var table = Tables.Build(path.Definition, list.Items, _time.GetUtcNow(), IncludeObject(context));
            table["metadata"] = metadata;
            await ApiRequestHandler.WriteJsonAsync(context, 200, table).ConfigureAwait(false);
            return;
        }

        foreach (var item in list.Items)
        {
            item["apiVersion"] ??= path.Definition.ApiVersion;
            item["kind"] ??= path.Definition.Kind;
        }

        await ApiRequestHandler.WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = path.Definition.Kind + "List",
            ["apiVersion"] = path.Definition.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = new JsonArray(list.Items.Cast<JsonNode>().ToArray()),
        }).ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext context, ResourcePath path)
    {
        long? from = ResourcePath.Query(context, "resourceVersion") is { Length: > 0 } rv && rv != "0"
            ? long.TryParse(rv, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ApiStatus.BadRequest($"invalid resourceVersion \"{rv}\"")
            : null;
        var fieldSelector = ResourcePath.Query(context, "fieldSelector");
        if (path.Name is not null)
        {
            fieldSelector = string.IsNullOrEmpty(fieldSelector) ? $"metadata.name={path.Name}" : $"{fieldSelector},metadata.name={path.Name}";
        }

        using var watch = _store.Watch(path.Definition.Resource, new ObjectWatchOptions
        {
            Namespace = path.Namespace,
            LabelSelector = ResourcePath.Query(context, "labelSelector"),
            FieldSelector = fieldSelector,
            FromResourceVersion = from,
        });
        var timeout = int.TryParse(ResourcePath.Query(context, "timeoutSeconds"), CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);
        var bookmarks = Flag(context, "allowWatchBookmarks");
        var table = WantsTable(context);
        // Open watches end when the server stops, so a stop does not wait for clients to hang up (they relist and rewatch).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _serverStopping);
        ending.CancelAfter(timeout);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            while (true)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ending.Token);
                wait.CancelAfter(BookmarkInterval);
                bool more;
                try
                {
                    more = await watch.Events.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ending.IsCancellationRequested)
                {
                    if (bookmarks)
                    {
                        await WriteEventAsync(context, "BOOKMARK", new JsonObject
                        {
                            ["kind"] = path.Definition.Kind,
                            ["apiVersion"] = path.Definition.ApiVersion,
                            ["metadata"] = new JsonObject { ["resourceVersion"] = _store.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
                        }).ConfigureAwait(false);
                    }

                    continue;
                }

                if (!more)
                {
                    return;
                }

                while (watch.Events.TryRead(out var change))
                {
                    var obj = change.Object.DeepClone().AsObject();
                    obj["apiVersion"] ??= path.Definition.ApiVersion;
                    obj["kind"] ??= path.Definition.Kind;
                    var type = change.Type switch
                    {
                        ObjectEventType.Added => "ADDED",
                        ObjectEventType.Modified => "MODIFIED",
                        _ => "DELETED",
                    };
                    await WriteEventAsync(context, type, table ? Tables.Build(path.Definition, [obj], _time.GetUtcNow(), IncludeObject(context)) : obj).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the watch's timeout passed: end the stream.
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, ResourcePath path)
    {
        var body = await RequestBody.ReadAsync(context).ConfigureAwait(false) as JsonObject
            ?? throw ApiStatus.BadRequest("the request body must be an object");
        var obj = Admit(context, path, body, live: null);
        FieldManagers.RecordUpdate(null, obj, Manager(context), path.Definition.ApiVersion, Now());
        if (DryRun(context))
        {
            ObjectStore.Metadata(obj)["uid"] = Guid.NewGuid().ToString();
            ObjectStore.Metadata(obj)["creationTimestamp"] = Now();
            await WriteAsync(context, 201, obj, path).ConfigureAwait(false);
            return;
        }

        EnsureNamespace(path);
        var created = await _store.CreateAsync(path.Definition.Resource, obj, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, 201, created, path).ConfigureAwait(false);
    }

    private async Task ReplaceAsync(HttpContext context, ResourcePath path, JsonObject body)
    {
        var live = Live(path);
        JsonObject desired;
        if (path.Subresource == "scale")
        {
            desired = live.DeepClone().AsObject();
            ((JsonObject)(desired["spec"] ??= new JsonObject()))["replicas"] = body["spec"]?["replicas"]?.DeepClone() ?? 0;
            if (body["metadata"]?["resourceVersion"] is { } version)
            {
                ObjectStore.Metadata(desired)["resourceVersion"] = version.DeepClone();
            }
        }
        else
        {
            desired = body;
        }

        var updated = await UpdateAsync(context, path, live, desired).ConfigureAwait(false);
        await WriteAsync(context, 200, path.Subresource == "scale" ? Scale(updated) : updated, path).ConfigureAwait(false);
    }

    private async Task<JsonObject> UpdateAsync(HttpContext context, ResourcePath path, JsonObject live, JsonObject desired)
    {
        var obj = desired.DeepClone().AsObject();
        var metadata = ObjectStore.Metadata(obj);
        if (metadata["name"]?.GetValue<string>() is { } bodyName && bodyName != path.Name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({path.Name})");
        }

        metadata["name"] = path.Name;
        if (path.Subresource == "status")
        {
            // The status subresource changes only status; the main resource never changes status.
            var merged = live.DeepClone().AsObject();
            merged["status"] = obj["status"]?.DeepClone();
            ObjectStore.Metadata(merged)["resourceVersion"] = metadata["resourceVersion"]?.DeepClone();
            obj = merged;
        }
        else if (path.Definition.HasStatus && path.Definition.Kind != "Namespace")
        {
            obj["status"] = live["status"]?.DeepClone();
        }

        if (metadata["managedFields"] is null && ObjectStore.Metadata(live)["managedFields"] is { } managed)
        {
            ObjectStore.Metadata(obj)["managedFields"] = managed.DeepClone();
        }

        obj = Admit(context, path, obj, live);
        FieldManagers.RecordUpdate(live, obj, Manager(context), path.Definition.ApiVersion, Now());
        if (DryRun(context))
        {
            return obj;
        }

        return await _store.UpdateAsync(path.Definition.Resource, obj, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, ResourcePath path)
    {
        var contentType = (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim();
        var patch = await RequestBody.ReadAsync(context).ConfigureAwait(false);
        var live = _store.Get(path.Definition.Resource, path.Namespace, path.Name!);
        if (contentType == "application/apply-patch+yaml")
        {
            await ApplyAsync(context, path, live, patch as JsonObject ?? throw ApiStatus.BadRequest("an apply patch must be an object")).ConfigureAwait(false);
            return;
        }

        if (live is null)
        {
            throw NotFound(path.Definition, path.Name!);
        }

        var target = path.Subresource == "scale" ? Scale(live) : live;
        JsonObject patched = contentType switch
        {
            "application/json-patch+json" => JsonPatch.Apply(target, patch),
            "application/merge-patch+json" => MergePatch.Apply(target, patch) as JsonObject ?? throw ApiStatus.BadRequest("the merge patch must be an object"),
            "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(target, patch as JsonObject ?? throw ApiStatus.BadRequest("the strategic merge patch must be an object")),
            _ => throw ApiStatus.UnsupportedMediaType(contentType),
        };
        if (path.Subresource == "scale")
        {
            await ReplaceAsync(context, path, patched).ConfigureAwait(false);
            return;
        }

        ObjectStore.Metadata(patched)["resourceVersion"] = (patch as JsonObject)?["metadata"]?["resourceVersion"]?.DeepClone();
        var updated = await UpdateAsync(context, path, live, patched).ConfigureAwait(false);
        await WriteAsync(context, 200, updated, path).ConfigureAwait(false);
    }

    private async Task ApplyAsync(HttpContext context, ResourcePath path, JsonObject? live, JsonObject configuration)
    {
        var manager = ResourcePath.Query(context, "fieldManager");
        if (string.IsNullOrEmpty(manager))
        {
            throw ApiStatus.BadRequest("PATCH /apply requires a fieldManager query parameter");
        }

        var configurationName = configuration["metadata"]?["name"]?.GetValue<string>();
        if (configurationName is not null && configurationName != path.Name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({configurationName}) does not match the name on the URL ({path.Name})");
        }

        var force = Flag(context, "force");
        var applied = FieldManagers.Apply(live, configuration, manager, force, path.Definition.ApiVersion, Now(), path.Definition.Kind, path.Definition.Group);
        ObjectStore.Metadata(applied)["name"] = path.Name;
        if (live is null)
        {
            var obj = Admit(context, path, applied, null);
            if (DryRun(context))
            {
                await WriteAsync(context, 201, obj, path).ConfigureAwait(false);
                return;
            }

            EnsureNamespace(path);
            await WriteAsync(context, 201, await _store.CreateAsync(path.Definition.Resource, obj, context.RequestAborted).ConfigureAwait(false), path).ConfigureAwait(false);
            return;
        }

        ObjectStore.Metadata(applied)["resourceVersion"] = configuration["metadata"]?["resourceVersion"]?.DeepClone();
        if (path.Subresource != "status" && path.Definition.HasStatus && path.Definition.Kind != "Namespace")
        {
            applied["status"] = live["status"]?.DeepClone();
        }

        var admitted = Admit(context, path, applied, live);
        var result = DryRun(context) ? admitted : await _store.UpdateAsync(path.Definition.Resource, admitted, context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context, 200, result, path).ConfigureAwait(false);
    }

    private async Task DeleteAsync(HttpContext context, ResourcePath path)
    {
        var (options, dryRun) = await DeleteOptionsAsync(context).ConfigureAwait(false);
        if (dryRun)
        {
            await WriteAsync(context, 200, Live(path), path).ConfigureAwait(false);
            return;
        }

        ObjectDeletion deletion;
        try
        {
            deletion = await _store.DeleteAsync(path.Definition.Resource, path.Namespace, path.Name!, options, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ObjectStoreException e) when (e.Failure == StoreFailure.NotFound)
        {
            throw NotFound(path.Definition, path.Name!);
        }

        await WriteAsync(context, deletion.Removed ? 200 : 202, deletion.Object, path).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourcePath path)
    {
        var (options, dryRun) = await DeleteOptionsAsync(context).ConfigureAwait(false);
        var list = _store.List(path.Definition.Resource, new ObjectListOptions
        {
            Namespace = path.Namespace,
            LabelSelector = ResourcePath.Query(context, "labelSelector"),
            FieldSelector = ResourcePath.Query(context, "fieldSelector"),
        });
        var deleted = new JsonArray();
        foreach (var item in list.Items)
        {
            if (!dryRun)
            {
                try
                {
                    await _store.DeleteAsync(path.Definition.Resource, item["metadata"]?["namespace"]?.GetValue<string>(), item["metadata"]!["name"]!.GetValue<string>(), options, context.RequestAborted).ConfigureAwait(false);
                }
                catch (ObjectStoreException e) when (e.Failure == StoreFailure.NotFound)
                {
                    continue;
                }
            }

            deleted.Add(item);
        }

        await ApiRequestHandler.WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = path.Definition.Kind + "List",
            ["apiVersion"] = path.Definition.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _store.ResourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        }).ConfigureAwait(false);
    }

    /// <summary>The DeleteOptions of a delete, from its body (kubectl) or query (other clients), and whether it is a dry run.</summary>
    private static async Task<(ObjectDeleteOptions Options, bool DryRun)> DeleteOptionsAsync(HttpContext context)
    {
        JsonObject? body = null;
        var canHaveBody = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
        if (context.Request.ContentLength is > 0 || (context.Request.ContentLength is null && canHaveBody))
        {
            body = await RequestBody.ReadAsync(context).ConfigureAwait(false) as JsonObject;
        }

        var policy = ResourcePath.Query(context, "propagationPolicy") ?? body?["propagationPolicy"]?.GetValue<string>();
        if (body?["orphanDependents"]?.GetValue<bool>() == true)
        {
            policy ??= "Orphan";
        }

        var dryRun = DryRun(context) || (body?["dryRun"] as JsonArray)?.Any(d => d?.GetValue<string>() == "All") == true;
        return (new ObjectDeleteOptions
        {
            PropagationPolicy = policy switch
            {
                null or "" => null,
                "Background" => PropagationPolicy.Background,
                "Foreground" => PropagationPolicy.Foreground,
                "Orphan" => PropagationPolicy.Orphan,
                _ => throw ApiStatus.BadRequest($"propagationPolicy: Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\""),
            },
            Uid = body?["preconditions"]?["uid"]?.GetValue<string>(),
            ResourceVersion = body?["preconditions"]?["resourceVersion"]?.GetValue<string>(),
        }, dryRun);
    }

    private JsonObject Admit(HttpContext context, ResourcePath path, JsonObject body, JsonObject? live)
    {
        var definition = path.Definition;
        var obj = body.DeepClone().AsObject();
        if (obj["apiVersion"]?.GetValue<string>() is { } apiVersion && apiVersion != definition.ApiVersion
            || obj["kind"]?.GetValue<string>() is { } kind && kind != definition.Kind)
        {
            throw ApiStatus.BadRequest($"the API version in the data ({obj["apiVersion"]}) does not match the expected API version ({definition.ApiVersion}) or kind ({obj["kind"]} vs {definition.Kind})");
        }

        obj["apiVersion"] = definition.ApiVersion;
        obj["kind"] = definition.Kind;
        if (live is null && definition.HasStatus && definition.Kind != "Namespace")
        {
            // As on a real server, a create never sets status: the controllers own it.
            obj.Remove("status");
        }

        var metadata = ObjectStore.Metadata(obj);
        if (definition.Namespaced)
        {
            var bodyNamespace = metadata["namespace"]?.GetValue<string>();
            if (bodyNamespace is { Length: > 0 } && path.Namespace is not null && bodyNamespace != path.Namespace)
            {
                throw ApiStatus.BadRequest($"the namespace of the provided object does not match the namespace sent on the request");
            }

            metadata["namespace"] = path.Namespace ?? bodyNamespace ?? "default";
        }
        else
        {
            metadata.Remove("namespace");
        }

        var unknown = Admission.UnknownFields(definition, obj);
        if (unknown.Count > 0)
        {
            if (ResourcePath.Query(context, "fieldValidation") == "Strict")
            {
                throw ApiStatus.BadRequest(unknown.Count == 1
                    ? $"strict decoding error: unknown field \"{unknown[0]}\""
                    : "strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
            }

            if (ResourcePath.Query(context, "fieldValidation") != "Ignore")
            {
                context.Response.Headers.Append("Warning", unknown.Select(u => $"299 - \"unknown field \\\"{u}\\\"\"").ToArray());
            }

            Admission.Drop(obj, unknown);
        }

        Admission.ApplyDefaults(definition, obj, live, AllocateClusterIp);
        var causes = Admission.Validate(definition, obj, live);
        if (causes.Count > 0)
        {
            throw ApiStatus.Invalid(definition.Kind, definition.Group, metadata["name"]?.GetValue<string>() ?? metadata["generateName"]?.GetValue<string>() ?? string.Empty, causes);
        }

        return obj;
    }

    private string AllocateClusterIp()
    {
        var used = _store.List(KubernetesResources.Services).Items
            .Select(s => s["spec"]?["clusterIP"]?.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 10; i < 65000; i++)
        {
            var candidate = $"10.100.{i / 250}.{(i % 250) + 1}";
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        throw new ApiStatus(500, "InternalError", "the service cluster IP range is exhausted");
    }

    private void EnsureNamespace(ResourcePath path)
    {
        if (path.Definition.Namespaced && _store.Get(KubernetesResources.Namespaces, null, path.Namespace ?? "default") is null)
        {
            throw ApiStatus.NotFound($"namespaces \"{path.Namespace}\" not found", new JsonObject { ["name"] = path.Namespace, ["kind"] = "namespaces" });
        }
    }

    private JsonObject Scale(JsonObject obj) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = obj["metadata"]?["name"]?.DeepClone(),
            ["namespace"] = obj["metadata"]?["namespace"]?.DeepClone(),
            ["uid"] = obj["metadata"]?["uid"]?.DeepClone(),
            ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone(),
            ["creationTimestamp"] = obj["metadata"]?["creationTimestamp"]?.DeepClone(),
        },
        ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 1 },
        ["status"] = new JsonObject
        {
            ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0,
            ["selector"] = string.Join(",", ((obj["spec"]?["selector"]?["matchLabels"] as JsonObject) ?? []).Select(l => $"{l.Key}={l.Value}")),
        },
    };

    private async Task WriteAsync(HttpContext context, int status, JsonObject obj, ResourcePath path)
    {
        if (obj["kind"]?.GetValue<string>() != "Scale")
        {
            obj["apiVersion"] ??= path.Definition.ApiVersion;
            obj["kind"] ??= path.Definition.Kind;
        }

        JsonNode body = WantsTable(context) && obj["kind"]?.GetValue<string>() == path.Definition.Kind
            ? Tables.Build(path.Definition, [obj], _time.GetUtcNow(), IncludeObject(context))
            : obj;
        await ApiRequestHandler.WriteJsonAsync(context, status, body).ConfigureAwait(false);
    }

    private string Now() => ObjectJson.Timestamp(_time.GetUtcNow());

    /// <summary>The field manager of a non-apply write: the query's, else the client's product name (as a real server derives it).</summary>
    private static string Manager(HttpContext context)
    {
        if (ResourcePath.Query(context, "fieldManager") is { Length: > 0 } manager)
        {
            return manager;
        }

        var product = context.Request.Headers.UserAgent.ToString().Split('/')[0];
        return product.Length > 0 ? product : "unknown";
    }

    private static bool Flag(HttpContext context, string name) => ResourcePath.Query(context, name) is "true" or "1";

    private static bool DryRun(HttpContext context) => ResourcePath.Query(context, "dryRun") is { Length: > 0 } dryRun && dryRun != "false";

    private static bool WantsTable(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    private static string IncludeObject(HttpContext context) => ResourcePath.Query(context, "includeObject") ?? "PartialObjectMetadata";
}

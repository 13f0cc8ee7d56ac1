using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.Providers;

namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>
/// The provider of every <c>kubernetes:*</c> kind, with pulumi-kubernetes' behaviour: auto-names; create and update by
/// server-side apply with the field manager kept in state (a create refuses an existing object the stack does not
/// manage unless it carries <c>pulumi.com/patchForce</c>, which takes it over), replacement on fields the API server will not change, readiness waits, server dry-run previews, refresh and
/// import from the live object, and deletes with foreground propagation that wait until the object is gone.
/// </summary>
internal sealed class KubernetesResourceProvider(KubernetesProviderOptions? options = null) : IResourceProvider
{
    /// <summary>The engine-only input and output that keeps the object's server-side apply field manager.</summary>
    public const string FieldManagerKey = "__fieldManager";

    private readonly KubernetesProviderOptions _options = options ?? new KubernetesProviderOptions();

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        foreach (var (field, expected) in new[] { ("apiVersion", kind.ApiVersion), ("kind", kind.Kind) })
        {
            var given = inputs.TryGetValue(field, out var v) ? v : null;
            if (given is null || given.IsNull) inputs = inputs.Set(field, PropertyValue.Of(expected));
            else if (given.Kind == PropertyKind.String && given.AsString != expected)
                failures.Add(new CheckFailure(field, $"{request.Type} objects have {field} '{expected}', not '{given.AsString}'"));
        }
        if (inputs.TryGetValue("metadata", out var metadata) && metadata.IsUnknown) return Task.FromResult(new CheckResponse(inputs, failures));
        inputs = WithName(request, inputs);
        var fieldManager = PulumiAnnotations.Get(inputs, PulumiAnnotations.PatchFieldManager)
            ?? request.OldInputs?.GetString(FieldManagerKey)
            ?? "pulumi-kubernetes-" + Hex8(request.RandomSeed, "fieldManager");
        inputs = inputs.Set(FieldManagerKey, PropertyValue.Of(fieldManager));
        if (kind == KubernetesKinds.CoreV1Secret)
            foreach (var field in new[] { "data", "stringData" })
                if (inputs.TryGetValue(field, out var value) && !value.IsNull) inputs = inputs.Set(field, PropertyValue.Secret(value));
        if (PulumiAnnotations.Get(inputs, PulumiAnnotations.TimeoutSeconds) is not null)
        {
            try { PulumiAnnotations.Timeout(inputs, null); }
            catch (ResourceProviderException e) { failures.Add(new CheckFailure("metadata.annotations", e.Message)); }
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    /// <summary>pulumi-kubernetes' auto-name: <c>&lt;logical name&gt;-&lt;8 hex&gt;</c> with <c>pulumi.com/autonamed</c>, kept on updates.</summary>
    private static PropertyMap WithName(CheckRequest request, PropertyMap inputs)
    {
        if (ObjectConversion.At(inputs, "metadata", "name") is { } given && !given.IsNull) return inputs;
        if (ObjectConversion.At(inputs, "metadata", "generateName") is { } generate && !generate.IsNull) return inputs;
        var previous = request.OldInputs is { } old && PulumiAnnotations.IsTrue(old, PulumiAnnotations.AutoNamed) ? ObjectConversion.StringAt(old, "metadata", "name") : null;
        var name = previous ?? $"{request.Name}-{Hex8(request.RandomSeed, "name")}";
        inputs = ObjectConversion.SetAt(inputs, PropertyValue.Of(name), "metadata", "name");
        return ObjectConversion.SetAt(inputs, PropertyValue.Of("true"), "metadata", "annotations", PulumiAnnotations.AutoNamed);
    }

    private static string Hex8(byte[] seed, string purpose) =>
        Convert.ToHexStringLower(SHA256.HashData([.. seed, .. Encoding.UTF8.GetBytes(purpose)]))[..8];

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        string? oldNamespace = null, newNamespace = null;
        if (kind.Namespaced)
        {
            oldNamespace = ObjectConversion.StringAt(request.OldOutputs, "metadata", "namespace") ?? kind.ParseId(request.Id, ClusterConnection.DefaultNamespaceOf(request.Config)).Namespace;
            newNamespace = ObjectConversion.StringAt(request.NewInputs, "metadata", "namespace") ?? ClusterConnection.DefaultNamespaceOf(request.Config);
        }
        return Task.FromResult(ObjectDiff.Compare(kind, request.OldInputs, oldNamespace, request.NewInputs, newNamespace!, request.IgnoreChanges));
    }

    private static string? NamespaceOf(KubernetesKind kind, PropertyMap inputs, IReadOnlyDictionary<string, string> config) =>
        kind.Namespaced ? ObjectConversion.StringAt(inputs, "metadata", "namespace") ?? ClusterConnection.DefaultNamespaceOf(config) : null;

    /// <summary>The object to send: the inputs as JSON, with the namespace the object goes to.</summary>
    private static JsonObject Body(KubernetesKind kind, PropertyMap inputs, string? ns)
    {
        var body = ObjectConversion.ToJson(inputs);
        if (ns is not null) ((JsonObject)(body["metadata"] ??= new JsonObject()))["namespace"] = ns;
        return body;
    }

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        var cluster = ClusterConnection.For(request);
        WarnIfClientSideApplyAsked(request);
        var inputs = request.Inputs;
        var ns = NamespaceOf(kind, inputs, request.Config);
        var body = Body(kind, inputs, ns);
        var fieldManager = inputs.GetString(FieldManagerKey)!;
        var name = ObjectConversion.StringAt(inputs, "metadata", "name");
        JsonObject written;
        try
        {
            if (name is null)
            {
                // generateName: only the server can choose the name, so only a POST can create it.
                written = await cluster.CreateAsync(kind.CollectionPath(ns), body, fieldManager, dryRun: false, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var patchForce = PulumiAnnotations.IsTrue(inputs, PulumiAnnotations.PatchForce);
                if (!patchForce) await EnsureNotSomeoneElsesAsync(request, cluster, kind, ns, name, fieldManager, cancellationToken).ConfigureAwait(false);
                written = await RetryWhileNamespaceMissingAsync(request, kind, ns,
                    () => ApplyAsync(request, cluster, kind, ns, name, body, fieldManager, patchForce, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (KubernetesApiException e) { throw Failed("created", kind, ns, name, e); }
        var objectName = ObjectConversion.StringAt(written, "metadata", "name")!;
        var id = kind.Id(ns, objectName);
        try
        {
            var live = await AwaitReadyAsync(request, cluster, kind, ns, objectName, inputs, written, request.Timeout, cancellationToken).ConfigureAwait(false);
            return new CreateResponse(id, Outputs(kind, live, fieldManager));
        }
        catch (AwaitFailedException e)
        {
            var live = await cluster.GetAsync(kind.ObjectPath(ns, objectName), CancellationToken.None).ConfigureAwait(false) ?? written;
            throw new ResourceInitializationException(id, inputs, Outputs(kind, live, fieldManager),
                $"{Display(kind, ns, objectName)} was created, but it did not become ready: {e.Message}");
        }
    }

    /// <summary>
    /// A create never takes over an object the stack does not manage (pulumi-kubernetes' AlreadyExists), unless it asks to
    /// with <c>pulumi.com/patchForce</c>. An object this resource's field manager wrote is an earlier attempt of this
    /// create whose answer was lost: it is adopted.
    /// </summary>
    private static async Task EnsureNotSomeoneElsesAsync(ProviderRequest request, ClusterConnection cluster, KubernetesKind kind, string? ns, string name, string fieldManager,
        CancellationToken cancellationToken)
    {
        if (await cluster.GetAsync(kind.ObjectPath(ns, name), cancellationToken).ConfigureAwait(false) is not { } existing) return;
        if (!IsManagedBy(existing, fieldManager)) throw new ResourceProviderException(AlreadyExistsMessage(kind, ns, name));
        request.Log.Info($"adopting {Display(kind, ns, name)}, which an earlier attempt of this create made");
    }

    /// <summary>
    /// As pulumi-kubernetes, a create into a namespace that does not exist yet is tried again a few times (the program may
    /// create the namespace at the same time, without a dependency between the two).
    /// </summary>
    private async Task<JsonObject> RetryWhileNamespaceMissingAsync(ProviderRequest request, KubernetesKind kind, string? ns, Func<Task<JsonObject>> create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await create().ConfigureAwait(false); }
            catch (KubernetesApiException e) when (e.IsNotFound && kind.Namespaced && attempt < 5)
            {
                request.Log.Info($"Retry #{attempt}; creation failed: {e.Message}");
                await Task.Delay(_options.PollInterval * Math.Pow(2, attempt), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void WarnIfClientSideApplyAsked(ProviderRequest request)
    {
        if (request.Config.TryGetValue(ClusterConnection.EnableServerSideApplyKey, out var value) && string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            request.Log.Warning("enableServerSideApply: false is not supported; objects are created and updated by server-side apply");
    }

    private static string Display(KubernetesKind kind, string? ns, string? name) => kind.Namespaced ? $"{kind.Kind} '{ns}/{name}'" : $"{kind.Kind} '{name}'";

    private static string AlreadyExistsMessage(KubernetesKind kind, string? ns, string name) =>
        $"{Display(kind, ns, name)} could not be created: {kind.Plural} \"{name}\" already exists, and this stack does not manage it. " +
        "Either import it (the resource option ImportId = \"" + kind.Id(ns, name) + "\"), give the resource another metadata.name (or none, " +
        "for an auto-name), delete the existing object, or let the stack take it over by server-side apply with the annotation " +
        $"\"{PulumiAnnotations.PatchForce}\": \"true\".";

    private static ResourceProviderException Failed(string verb, KubernetesKind kind, string? ns, string? name, KubernetesApiException e) =>
        new($"{Display(kind, ns, name)} could not be {verb}: {e.Message}" + (e.Causes.Count == 0 ? "" : "\n" + string.Join("\n", e.Causes.Select(c => "  * " + c))), e);

    private static bool IsManagedBy(JsonObject obj, string fieldManager) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Any(e => ObjectConversion.StringAt(e, "manager") == fieldManager);

    private async Task<JsonObject> AwaitReadyAsync(ProviderRequest request, ClusterConnection cluster, KubernetesKind kind, string? ns, string name, PropertyMap inputs, JsonObject written,
        TimeSpan? customTimeout, CancellationToken cancellationToken)
    {
        if (PulumiAnnotations.IsTrue(inputs, PulumiAnnotations.SkipAwait)) return written;
        var context = new AwaitContext(cluster, kind, ns, name, request.Log, PulumiAnnotations.Timeout(inputs, customTimeout), _options);
        return await ReadinessAwaiter.AwaitAsync(context, written, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Server-side apply as the object's field manager. A conflict means a field the program sets was changed outside it
    /// (kubectl, another controller): the program's value is applied again with force, and the takeover is reported.
    /// </summary>
    private static async Task<JsonObject> ApplyAsync(ProviderRequest request, ClusterConnection cluster, KubernetesKind kind, string? ns, string name, JsonObject body,
        string fieldManager, bool force, CancellationToken cancellationToken)
    {
        var path = kind.ObjectPath(ns, name);
        try { return await cluster.ApplyAsync(path, body, fieldManager, force, dryRun: false, cancellationToken).ConfigureAwait(false); }
        catch (KubernetesApiException e) when (e.Reason == "Conflict" && !force && e.Causes.Count > 0)
        {
            request.Log.Warning($"{Display(kind, ns, name)}: fields changed outside this stack are set to the program's values again: {string.Join("; ", e.Causes)}");
            return await cluster.ApplyAsync(path, body, fieldManager, force: true, dryRun: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        var cluster = ClusterConnection.For(request);
        WarnIfClientSideApplyAsked(request);
        var inputs = request.NewInputs;
        var (ns, name) = kind.ParseId(request.Id, ClusterConnection.DefaultNamespaceOf(request.Config));
        var fieldManager = inputs.GetString(FieldManagerKey)!;
        JsonObject written;
        try
        {
            written = await ApplyAsync(request, cluster, kind, ns, name, Body(kind, inputs, ns), fieldManager, PulumiAnnotations.IsTrue(inputs, PulumiAnnotations.PatchForce), cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) { throw Failed("updated", kind, ns, name, e); }
        try
        {
            var live = await AwaitReadyAsync(request, cluster, kind, ns, name, inputs, written, request.Timeout, cancellationToken).ConfigureAwait(false);
            return new UpdateResponse(Outputs(kind, live, fieldManager));
        }
        catch (AwaitFailedException e)
        {
            throw new ResourceProviderException($"{Display(kind, ns, name)} was updated, but it did not become ready: {e.Message}", e);
        }
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        var cluster = ClusterConnection.For(request);
        var (ns, name) = kind.ParseId(request.Id, ClusterConnection.DefaultNamespaceOf(request.Config));
        JsonObject? live;
        try { live = await cluster.GetAsync(kind.ObjectPath(ns, name), cancellationToken).ConfigureAwait(false); }
        catch (KubernetesApiException e) { throw Failed("read", kind, ns, name, e); }
        if (live is null) return null;
        var fieldManager = request.Inputs?.GetString(FieldManagerKey);
        var outputs = Outputs(kind, live, fieldManager);
        var liveInputs = Outputs(kind, live, null).Remove("status");
        PropertyMap inputs;
        if (request.Inputs is { Count: > 0 } recorded)
        {
            inputs = LiveInputs.Project(kind, recorded, liveInputs);
            inputs = inputs.Set("apiVersion", PropertyValue.Of(kind.ApiVersion)).Set("kind", PropertyValue.Of(kind.Kind));
            inputs = ObjectConversion.SetAt(inputs, PropertyValue.Of(name), "metadata", "name");
            if (ObjectConversion.At(recorded, "metadata", "namespace") is not null && ns is not null)
                inputs = ObjectConversion.SetAt(inputs, PropertyValue.Of(ns), "metadata", "namespace");
        }
        else inputs = LiveInputs.FromLive(liveInputs);
        return new ReadResponse(kind.Id(ns, name), outputs, inputs);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        var cluster = ClusterConnection.For(request);
        var (ns, name) = kind.ParseId(request.Id, ClusterConnection.DefaultNamespaceOf(request.Config));
        var path = kind.ObjectPath(ns, name);
        var policy = PulumiAnnotations.Get(request.Inputs, PulumiAnnotations.DeletionPropagationPolicy)?.ToLowerInvariant() switch
        {
            null or "foreground" => "Foreground",
            "background" => "Background",
            "orphan" => "Orphan",
            var other => throw new ResourceProviderException($"the annotation {PulumiAnnotations.DeletionPropagationPolicy} is '{other}'; use foreground, background or orphan"),
        };
        try
        {
            if (!await cluster.DeleteAsync(path, policy, cancellationToken).ConfigureAwait(false)) return;
        }
        catch (KubernetesApiException e) { throw Failed("deleted", kind, ns, name, e); }
        // pulumi-kubernetes honours skipAwait on delete only for its built-in kinds with await logic, such as Deployments.
        if (PulumiAnnotations.IsTrue(request.Inputs, PulumiAnnotations.SkipAwait) && kind == KubernetesKinds.AppsV1Deployment) return;
        var context = new AwaitContext(cluster, kind, ns, name, request.Log, PulumiAnnotations.Timeout(request.Inputs, request.Timeout), _options);
        while (await cluster.GetAsync(path, cancellationToken).ConfigureAwait(false) is { } live)
        {
            var finalizers = (live["metadata"]?["finalizers"] as JsonArray ?? []).Select(f => f?.GetValue<string>()).ToList();
            var waitingFor = finalizers.Count == 0 ? "" : $" (finalizers: {string.Join(", ", finalizers)})";
            context.Progress($"Waiting for the deletion of {context.Display}{waitingFor}");
            if (context.PastDeadline)
                throw new ResourceProviderException($"{context.Display} was not deleted within {context.Timeout}{waitingFor}; it still exists with a deletionTimestamp. " +
                    $"Check what holds it (kubectl get {kind.Plural} {name} -o yaml), or set a longer customTimeouts.Delete.");
            await context.DelayAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<PropertyMap> PreviewAsync(PreviewRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        var inputs = request.Inputs;
        // Unknown inputs, or no cluster yet (the provider of a cluster this run creates): the outputs are not known.
        if (inputs.Values.Any(v => v.ContainsUnknowns()) || !ClusterConnection.IsConfigured(request.Config)) return inputs;
        var ns = request.Id is { } id ? kind.ParseId(id, ClusterConnection.DefaultNamespaceOf(request.Config)).Namespace : NamespaceOf(kind, inputs, request.Config);
        var name = request.Id is { } existing ? kind.ParseId(existing, ClusterConnection.DefaultNamespaceOf(request.Config)).Name : ObjectConversion.StringAt(inputs, "metadata", "name");
        var fieldManager = inputs.GetString(FieldManagerKey)!;
        var body = Body(kind, inputs, ns);
        try
        {
            var cluster = ClusterConnection.For(request);
            if (request.Id is null && name is not null && !PulumiAnnotations.IsTrue(inputs, PulumiAnnotations.PatchForce))
                await EnsureNotSomeoneElsesAsync(request, cluster, kind, ns, name, fieldManager, cancellationToken).ConfigureAwait(false);
            var result = name is null
                ? await cluster.CreateAsync(kind.CollectionPath(ns), body, fieldManager, dryRun: true, cancellationToken).ConfigureAwait(false)
                : await cluster.ApplyAsync(kind.ObjectPath(ns, name), body, fieldManager, force: true, dryRun: true, cancellationToken).ConfigureAwait(false);
            // The status comes from controllers after the write: unknown until then.
            return Outputs(kind, result, fieldManager).Remove("status");
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            // Its namespace (or, for an update, the object) does not exist yet: this run creates it.
            return inputs;
        }
        catch (KubernetesApiException e) { throw Failed(request.Id is null ? "created" : "updated", kind, ns, name, e); }
        catch (HttpRequestException e)
        {
            request.Log.Warning($"the cluster could not be reached for a server dry run ({e.Message}); the preview shows the inputs only");
            return inputs;
        }
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        var kind = ApiPaths.ForToken(request.Type);
        if (ObjectConversion.StringAt(request.Inputs, "metadata", "name") is not { } name || request.Inputs.GetString(FieldManagerKey) is not { } fieldManager) return null;
        var ns = NamespaceOf(kind, request.Inputs, request.Config);
        var live = await ClusterConnection.For(request).GetAsync(kind.ObjectPath(ns, name), cancellationToken).ConfigureAwait(false);
        // The object of this name is the interrupted create's only if its field manager wrote it: never someone else's.
        return live is not null && IsManagedBy(live, fieldManager)
            ? new ReadResponse(kind.Id(ns, name), Outputs(kind, live, fieldManager), request.Inputs)
            : null;
    }

    /// <summary>
    /// The live object as outputs, without <c>metadata.managedFields</c>; a Secret's data (and kubectl's last-applied copy
    /// of it) secret; the field manager recorded as pulumi-kubernetes does.
    /// </summary>
    private static PropertyMap Outputs(KubernetesKind kind, JsonObject live, string? fieldManager)
    {
        var outputs = ObjectConversion.RemoveAt(ObjectConversion.ToProperties(live), "metadata", "managedFields");
        if (kind == KubernetesKinds.CoreV1Secret)
        {
            foreach (var field in new[] { "data", "stringData" })
                if (outputs.TryGetValue(field, out var value) && !value.IsNull) outputs = outputs.Set(field, PropertyValue.Secret(value));
            const string lastApplied = "kubectl.kubernetes.io/last-applied-configuration";
            if (ObjectConversion.At(outputs, "metadata", "annotations", lastApplied) is { } copy)
                outputs = ObjectConversion.SetAt(outputs, PropertyValue.Secret(copy), "metadata", "annotations", lastApplied);
        }
        return fieldManager is null ? outputs : outputs.Set(FieldManagerKey, PropertyValue.Of(fieldManager));
    }
}

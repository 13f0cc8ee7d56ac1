using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Http;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// <c>aws:eks/addon:Addon</c>: cluster, name and tags replace; version, service account role and configuration update in place
/// (UpdateAddon with <c>resolveConflictsOnUpdate</c>); the resolveConflicts settings and <c>preserve</c> only steer those calls.
/// Create, update and delete wait (ACTIVE; until gone). Id = <c>clusterName:addonName</c>, as pulumi-aws.
/// </summary>
internal sealed class AddonProvider(AwsProviderOptions? options = null) : IResourceProvider
{
    public const string Type = "aws:eks/addon:Addon";

    private readonly AwsWaiterOptions _waiting = ClusterProvider.Waiting(options);

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        foreach (var required in (string[])["clusterName", "addonName"])
            if (!inputs.TryGetValue(required, out var v) || v.IsNull) failures.Add(new CheckFailure(required, $"{required} is required."));
        if (inputs.GetString("resolveConflictsOnCreate") is { } onCreate && onCreate is not ("NONE" or "OVERWRITE"))
            failures.Add(new CheckFailure("resolveConflictsOnCreate", $"resolveConflictsOnCreate must be NONE or OVERWRITE, not '{onCreate}'."));
        if (inputs.GetString("resolveConflictsOnUpdate") is { } onUpdate && onUpdate is not ("NONE" or "OVERWRITE" or "PRESERVE"))
            failures.Add(new CheckFailure("resolveConflictsOnUpdate", $"resolveConflictsOnUpdate must be NONE, OVERWRITE or PRESERVE, not '{onUpdate}'."));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["clusterName", "addonName", "tags"], request.IgnoreChanges));

    /// <summary>The inputs UpdateAddon changes in place.</summary>
    private static readonly string[] Updatable = ["addonVersion", "serviceAccountRoleArn", "configurationValues"];

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var inputs = request.Inputs;
        var (cluster, name) = (inputs.GetString("clusterName")!, inputs.GetString("addonName")!);
        await Adoption.CreateOrAdoptAsync(request, $"EKS addon {name} of cluster {cluster}",
            () => eks.CreateAddonAsync(cluster, new CreateAddonRequest
            {
                AddonName = name,
                AddonVersion = inputs.GetString("addonVersion"),
                ServiceAccountRoleArn = inputs.GetString("serviceAccountRoleArn"),
                ConfigurationValues = inputs.GetString("configurationValues"),
                ResolveConflicts = inputs.GetString("resolveConflictsOnCreate"),
                Tags = Props.StringMap(inputs, "tags") is { Count: > 0 } tags ? tags : null,
            }, cancellationToken),
            async () => await FindOursAsync(eks, inputs, cancellationToken).ConfigureAwait(false) is { } ours ? new EksAddonResponse { Addon = ours } : null).ConfigureAwait(false);
        var addon = await AwsCall.RunAsync(() => eks.WaitForAddonActiveAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(Id(cluster, name), Outputs(inputs, addon));
    }

    /// <summary>An interrupted create left the addon installed: adopted when its version, role and tags are the ones the inputs ask for (any version, when they name none).</summary>
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        if (await AwsCall.RunAsync(() => FindOursAsync(eks, request.Inputs, cancellationToken)).ConfigureAwait(false) is not { } found) return null;
        var addon = await AwsCall.RunAsync(() => eks.WaitForAddonActiveAsync(found.ClusterName!, found.AddonName!, _waiting, cancellationToken)).ConfigureAwait(false);
        return new ReadResponse(Id(found.ClusterName!, found.AddonName!), Outputs(request.Inputs, addon), request.Inputs);
    }

    private static async Task<EksAddon?> FindOursAsync(EksClient eks, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("clusterName") is not { } cluster || inputs.GetString("addonName") is not { } name
            || await eks.FindAddonAsync(cluster, name, cancellationToken).ConfigureAwait(false) is not { } addon) return null;
        return (inputs.GetString("addonVersion") is not { } version || addon.AddonVersion == version)
            && addon.ServiceAccountRoleArn == inputs.GetString("serviceAccountRoleArn")
            && ClusterProvider.SameTags(addon.Tags, Props.StringMap(inputs, "tags"))
            && addon.Status is not ("DELETING" or "CREATE_FAILED")
            ? addon : null;
    }

    private static string Id(string cluster, string name) => $"{cluster}:{name}";

    private static (string Cluster, string Name) ParseId(string id) =>
        id.Split(':', 2) is [var cluster, var name] ? (cluster, name) : throw new ResourceProviderException($"'{id}' is not an addon id: expected clusterName:addonName.");

    private static PropertyMap Outputs(PropertyMap inputs, EksAddon addon) => ProviderResults.Outputs(inputs,
        ("arn", Props.Str(addon.AddonArn)),
        ("addonVersion", Props.Str(addon.AddonVersion)),
        ("serviceAccountRoleArn", Props.Str(addon.ServiceAccountRoleArn)),
        ("configurationValues", Props.Str(addon.ConfigurationValues)),
        ("tagsAll", Props.Map(addon.Tags)));

    /// <summary>Refresh: the installed addon (its version only when the program gave one, so EKS's default is no diff).</summary>
    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var (cluster, name) = ParseId(request.Id);
        if (await AwsCall.RunAsync(() => eks.FindAddonAsync(cluster, name, cancellationToken)).ConfigureAwait(false) is not { } addon || addon.Status == "DELETING") return null;
        var old = request.Inputs ?? PropertyMap.Empty;
        var inputs = old.Set("clusterName", Props.Str(cluster)).Set("addonName", Props.Str(name));
        if (old.ContainsKey("addonVersion")) inputs = inputs.Set("addonVersion", Props.Str(addon.AddonVersion));
        foreach (var (key, live) in new[] { ("serviceAccountRoleArn", addon.ServiceAccountRoleArn), ("configurationValues", addon.ConfigurationValues) })
            if (old.ContainsKey(key) || live is not null) inputs = live is null ? inputs.Remove(key) : inputs.Set(key, Props.Str(live));
        if (old.ContainsKey("tags") || addon.Tags is { Count: > 0 }) inputs = inputs.Set("tags", Props.Map(addon.Tags));
        return new ReadResponse(request.Id, Outputs(inputs, addon), inputs);
    }

    /// <summary>
    /// Sends the changed version, role and configuration with UpdateAddon (a removed role or configuration as an empty
    /// string, which clears it) and waits until the addon is ACTIVE; a change of only the resolveConflicts settings or
    /// <c>preserve</c> calls nothing.
    /// </summary>
    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var (cluster, name) = ParseId(request.Id);
        var (olds, news) = (request.OldInputs, request.NewInputs);
        string? Changed(string key, string? cleared) =>
            olds.GetString(key) == news.GetString(key) ? null : news.GetString(key) ?? cleared;
        var version = Changed("addonVersion", null);
        var role = Changed("serviceAccountRoleArn", "");
        var configuration = Changed("configurationValues", "");
        if (version is not null || role is not null || configuration is not null)
            await AwsCall.RunAsync(() => eks.UpdateAddonAsync(cluster, name, new UpdateAddonRequest
            {
                AddonVersion = version,
                ServiceAccountRoleArn = role,
                ConfigurationValues = configuration,
                ResolveConflicts = news.GetString("resolveConflictsOnUpdate"),
            }, cancellationToken)).ConfigureAwait(false);
        var addon = await AwsCall.RunAsync(() => eks.WaitForAddonActiveAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(news, addon));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var (cluster, name) = ParseId(request.Id);
        try { await eks.DeleteAddonAsync(cluster, name, request.Inputs.GetBool("preserve") == true, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EksErrorCodes.ResourceNotFound) { return; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        await AwsCall.RunAsync(() => eks.WaitForAddonDeletedAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
    }
}

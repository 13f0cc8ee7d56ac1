using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Http;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// <c>aws:eks/addon:Addon</c>: every input replaces (the local cloud's EKS has no UpdateAddon). Create and delete wait
/// (ACTIVE; until gone). Id = <c>clusterName:addonName</c>, as pulumi-aws.
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
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["clusterName", "addonName", "addonVersion"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var inputs = request.Inputs;
        var (cluster, name) = (inputs.GetString("clusterName")!, inputs.GetString("addonName")!);
        await Adoption.CreateOrAdoptAsync(request, $"EKS addon {name} of cluster {cluster}",
            () => eks.CreateAddonAsync(cluster, new CreateAddonRequest { AddonName = name, AddonVersion = inputs.GetString("addonVersion") }, cancellationToken),
            async () => await FindOursAsync(eks, inputs, cancellationToken).ConfigureAwait(false) is { } ours ? new EksAddonResponse { Addon = ours } : null).ConfigureAwait(false);
        var addon = await AwsCall.RunAsync(() => eks.WaitForAddonActiveAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(Id(cluster, name), Outputs(inputs, addon));
    }

    /// <summary>An interrupted create left the addon installed: adopted when its version is the one the inputs ask for (any, when they name none).</summary>
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
        return (inputs.GetString("addonVersion") is not { } version || addon.AddonVersion == version) && addon.Status is not ("DELETING" or "CREATE_FAILED")
            ? addon : null;
    }

    private static string Id(string cluster, string name) => $"{cluster}:{name}";

    private static (string Cluster, string Name) ParseId(string id) =>
        id.Split(':', 2) is [var cluster, var name] ? (cluster, name) : throw new ResourceProviderException($"'{id}' is not an addon id: expected clusterName:addonName.");

    private static PropertyMap Outputs(PropertyMap inputs, EksAddon addon) => ProviderResults.Outputs(inputs,
        ("arn", Props.Str(addon.AddonArn)),
        ("addonVersion", Props.Str(addon.AddonVersion)),
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
        return new ReadResponse(request.Id, Outputs(inputs, addon), inputs);
    }

    /// <summary>Every input replaces, so there is nothing to update in place.</summary>
    public Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var outputs = request.OldOutputs;
        foreach (var (k, v) in ProviderResults.Outputs(request.NewInputs)) outputs = outputs.Set(k, v);
        return Task.FromResult(new UpdateResponse(outputs));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var (cluster, name) = ParseId(request.Id);
        try { await eks.DeleteAddonAsync(cluster, name, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EksErrorCodes.ResourceNotFound) { return; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        await AwsCall.RunAsync(() => eks.WaitForAddonDeletedAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
    }
}

using EcrAutomation.Aws.Ecs;
using EcrAutomation.Providers;
using EcsCluster = EcrAutomation.Aws.Ecs.Cluster;

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>
/// <c>aws:ecs/cluster:Cluster</c>: auto-named; name and settings replace, tags update in place. Id = the ARN (pulumi-aws
/// also imports by name). Deleting a cluster that still has services fails with ECS's message explained.
/// </summary>
internal sealed class ClusterProvider : IResourceProvider
{
    public const string Type = "aws:ecs/cluster:Cluster";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(CheckResponse.Ok(AutoNaming.Apply(request, "name", 255)));

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "settings"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        var inputs = request.Inputs;
        var response = await AwsCall.RunAsync(() => ecs.CreateClusterAsync(new CreateClusterRequest
        {
            ClusterName = inputs.GetString("name"),
            Settings = Props.Maps(inputs, "settings") is { Count: > 0 } s ? [.. s.Select(x => new ClusterSetting(x.GetString("name")!, x.GetString("value")!))] : null,
            Tags = EcsTags(inputs),
        }, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(response.Cluster!.ClusterArn!, Outputs(inputs, response.Cluster));
    }

    /// <summary>
    /// CreateCluster is idempotent (a resend returns the same cluster), so only an interrupted create needs finding: the
    /// ACTIVE cluster of the chosen name, if its tags are the ones the inputs ask for.
    /// </summary>
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Inputs.GetString("name") is not { } name) return null;
        var ecs = AwsConnections.For(request).Ecs;
        var response = await AwsCall.RunAsync(() => ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [name], Include = ["TAGS"] }, cancellationToken)).ConfigureAwait(false);
        var tags = Props.StringMap(request.Inputs, "tags");
        return response.Clusters.FirstOrDefault(c => c.Status == "ACTIVE" && c.ClusterName == name
            && (c.Tags ?? []).Count == tags.Count && (c.Tags ?? []).All(t => tags.TryGetValue(t.Key, out var v) && v == t.Value)) is { } cluster
            ? new ReadResponse(cluster.ClusterArn!, Outputs(request.Inputs, cluster), request.Inputs)
            : null;
    }

    internal static IReadOnlyList<EcsTag>? EcsTags(PropertyMap inputs) =>
        Props.StringMap(inputs, "tags") is { Count: > 0 } t ? [.. t.Select(kv => new EcsTag(kv.Key, kv.Value))] : null;

    private static PropertyMap Outputs(PropertyMap inputs, EcsCluster cluster) => ProviderResults.Outputs(inputs,
        ("arn", Props.Str(cluster.ClusterArn)),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        var response = await AwsCall.RunAsync(() => ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [request.Id], Include = ["SETTINGS", "TAGS"] }, cancellationToken)).ConfigureAwait(false);
        if (response.Clusters.FirstOrDefault(c => c.Status != "INACTIVE") is not { } cluster) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty).Set("name", Props.Str(cluster.ClusterName));
        if (cluster.Tags is { Count: > 0 } tags) inputs = inputs.Set("tags", Props.Map(tags.Select(t => KeyValuePair.Create(t.Key, t.Value))));
        return new ReadResponse(cluster.ClusterArn!, Outputs(inputs, cluster), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        if (ClusterProvider.EcsTags(request.NewInputs) is { } tags)
            await AwsCall.RunAsync(() => ecs.TagResourceAsync(new EcsTagResourceRequest { ResourceArn = request.Id, Tags = tags }, cancellationToken)).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in ProviderResults.Outputs(request.NewInputs)) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs.Set("tagsAll", request.NewInputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        try { await ecs.DeleteClusterAsync(new DeleteClusterRequest { Cluster = request.Id }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EcsErrorCodes.ClusterNotFound) { }
        catch (AwsServiceException e) when (e.ErrorCode is EcsErrorCodes.ClusterContainsServices or EcsErrorCodes.ClusterContainsTasks)
        {
            throw new ResourceProviderException($"cannot delete ECS cluster {request.Id}: {e.ErrorMessage} ({e.ErrorCode}). Delete its services (scale them to 0 first) and stop its tasks, then retry.", e);
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }
}

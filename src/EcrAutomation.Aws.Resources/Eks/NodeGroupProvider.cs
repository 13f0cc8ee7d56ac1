using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Http;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// <c>aws:eks/nodeGroup:NodeGroup</c>: auto-named; cluster, name, role, subnets, instance types, AMI type, capacity type,
/// disk size and tags replace; scaling, labels and taints update in place (UpdateNodegroupConfig) and the version too
/// (UpdateNodegroupVersion), each waited for. Create and delete wait (ACTIVE; until gone).
/// Id = <c>clusterName:nodeGroupName</c>, as pulumi-aws.
/// </summary>
internal sealed class NodeGroupProvider(AwsProviderOptions? options = null) : IResourceProvider
{
    public const string Type = "aws:eks/nodeGroup:NodeGroup";

    private readonly AwsWaiterOptions _waiting = ClusterProvider.Waiting(options);

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "nodeGroupName", 63);
        var failures = new List<CheckFailure>();
        if (ClusterProvider.CheckName(inputs.GetString("nodeGroupName"), "nodegroupName", 63) is { } nameFailure) failures.Add(nameFailure);
        foreach (var required in (string[])["clusterName", "nodeRoleArn"])
            if (!inputs.TryGetValue(required, out var v) || v.IsNull) failures.Add(new CheckFailure(required, $"{required} is required."));
        if (!Props.IsUnknown(inputs, "subnetIds") && Props.StringList(inputs, "subnetIds").Count == 0) failures.Add(new CheckFailure("subnetIds", "Subnets are required"));
        if (Props.Object(inputs, "scalingConfig") is not { } scaling) failures.Add(new CheckFailure("scalingConfig", "scalingConfig is required: give desiredSize, minSize and maxSize."));
        else if (Props.Int(scaling, "minSize") is { } min && Props.Int(scaling, "maxSize") is { } max && Props.Int(scaling, "desiredSize") is { } desired
            && (min < 0 || max < 1 || min > max || desired < min || desired > max))
            failures.Add(new CheckFailure("scalingConfig", $"Invalid scaling configuration: minSize {min}, maxSize {max}, desiredSize {desired}; need 0 <= minSize <= desiredSize <= maxSize and maxSize >= 1."));
        foreach (var taint in Props.Maps(inputs, "taints"))
            if (taint.GetString("effect") is { } effect && effect is not ("NO_SCHEDULE" or "NO_EXECUTE" or "PREFER_NO_SCHEDULE"))
                failures.Add(new CheckFailure("taints", $"taint effect must be NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE, not '{effect}'."));
        if (inputs.GetString("capacityType") is { } capacity && capacity is not ("ON_DEMAND" or "SPOT" or "CAPACITY_BLOCK"))
            failures.Add(new CheckFailure("capacityType", $"capacityType must be ON_DEMAND or SPOT, not '{capacity}'."));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs,
            ["clusterName", "nodeGroupName", "nodeRoleArn", "subnetIds", "instanceTypes", "tags", "amiType", "capacityType", "diskSize"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var inputs = request.Inputs;
        var (cluster, name) = (inputs.GetString("clusterName")!, inputs.GetString("nodeGroupName")!);
        await Adoption.CreateOrAdoptAsync(request, $"EKS node group {name}",
            () => eks.CreateNodegroupAsync(cluster, new CreateNodegroupRequest
            {
                NodegroupName = name,
                NodeRole = inputs.GetString("nodeRoleArn")!,
                Subnets = Props.StringList(inputs, "subnetIds"),
                ScalingConfig = Scaling(inputs),
                InstanceTypes = Props.StringList(inputs, "instanceTypes") is { Count: > 0 } types ? types : null,
                Labels = Props.StringMap(inputs, "labels") is { Count: > 0 } labels ? labels : null,
                Tags = Props.StringMap(inputs, "tags") is { Count: > 0 } tags ? tags : null,
                Version = inputs.GetString("version"),
                AmiType = inputs.GetString("amiType"),
                CapacityType = inputs.GetString("capacityType"),
                DiskSize = Props.Int(inputs, "diskSize"),
                Taints = Taints(inputs) is { Count: > 0 } taints ? taints : null,
            }, cancellationToken),
            async () => await FindOursAsync(eks, inputs, cancellationToken).ConfigureAwait(false) is { } ours ? new EksNodegroupResponse { Nodegroup = ours } : null).ConfigureAwait(false);
        var nodegroup = await AwsCall.RunAsync(() => eks.WaitForNodegroupActiveAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(Id(cluster, name), Outputs(inputs, nodegroup));
    }

    /// <summary>An interrupted create left the node group of the chosen name: adopted when its role, subnets and tags are the ones the inputs ask for.</summary>
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        if (await AwsCall.RunAsync(() => FindOursAsync(eks, request.Inputs, cancellationToken)).ConfigureAwait(false) is not { } found) return null;
        var nodegroup = await AwsCall.RunAsync(() => eks.WaitForNodegroupActiveAsync(found.ClusterName!, found.NodegroupName!, _waiting, cancellationToken)).ConfigureAwait(false);
        return new ReadResponse(Id(found.ClusterName!, found.NodegroupName!), Outputs(request.Inputs, nodegroup), request.Inputs);
    }

    private static async Task<EksNodegroup?> FindOursAsync(EksClient eks, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("clusterName") is not { } cluster || inputs.GetString("nodeGroupName") is not { } name
            || await eks.FindNodegroupAsync(cluster, name, cancellationToken).ConfigureAwait(false) is not { } nodegroup) return null;
        return nodegroup.NodeRole == inputs.GetString("nodeRoleArn")
            && (nodegroup.Subnets ?? []).Order().SequenceEqual(Props.StringList(inputs, "subnetIds").Order())
            && ClusterProvider.SameTags(nodegroup.Tags, Props.StringMap(inputs, "tags"))
            && nodegroup.Status is not ("DELETING" or "CREATE_FAILED")
            ? nodegroup : null;
    }

    private static string Id(string cluster, string name) => $"{cluster}:{name}";

    private static (string Cluster, string Name) ParseId(string id) =>
        id.Split(':', 2) is [var cluster, var name] ? (cluster, name) : throw new ResourceProviderException($"'{id}' is not a node group id: expected clusterName:nodeGroupName.");

    private static List<EksTaint> Taints(PropertyMap inputs) =>
        [.. Props.Maps(inputs, "taints").Select(t => new EksTaint { Key = t.GetString("key"), Value = t.GetString("value"), Effect = t.GetString("effect") })];

    private static PropertyValue TaintsValue(IEnumerable<EksTaint>? taints) => PropertyValue.Of((taints ?? []).Select(t =>
    {
        var map = PropertyMap.Empty.Set("key", Props.Str(t.Key)).Set("effect", Props.Str(t.Effect));
        return PropertyValue.Of(t.Value is null ? map : map.Set("value", Props.Str(t.Value)));
    }));

    private static NodegroupScalingConfig? Scaling(PropertyMap inputs) => Props.Object(inputs, "scalingConfig") is { } s
        ? new NodegroupScalingConfig { MinSize = Props.Int(s, "minSize"), MaxSize = Props.Int(s, "maxSize"), DesiredSize = Props.Int(s, "desiredSize") }
        : null;

    private static PropertyMap ScalingMap(NodegroupScalingConfig? s) => PropertyMap.Empty
        .Set("desiredSize", Props.Num(s?.DesiredSize)).Set("maxSize", Props.Num(s?.MaxSize)).Set("minSize", Props.Num(s?.MinSize));

    private static PropertyMap Outputs(PropertyMap inputs, EksNodegroup nodegroup) => ProviderResults.Outputs(inputs,
        ("arn", Props.Str(nodegroup.NodegroupArn)),
        ("status", Props.Str(nodegroup.Status)),
        ("version", Props.Str(nodegroup.Version)),
        ("releaseVersion", Props.Str(nodegroup.ReleaseVersion)),
        ("amiType", Props.Str(nodegroup.AmiType)),
        ("capacityType", Props.Str(nodegroup.CapacityType)),
        ("diskSize", Props.Num(nodegroup.DiskSize)),
        ("instanceTypes", Props.Strings(nodegroup.InstanceTypes)),
        ("scalingConfig", PropertyValue.Of(ScalingMap(nodegroup.ScalingConfig))),
        ("taints", TaintsValue(nodegroup.Taints)),
        ("tagsAll", Props.Map(nodegroup.Tags)));

    /// <summary>Refresh: the inputs as EKS reports them (only the optional ones the program gave, so EKS's defaults are no diff).</summary>
    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var (cluster, name) = ParseId(request.Id);
        if (await AwsCall.RunAsync(() => eks.FindNodegroupAsync(cluster, name, cancellationToken)).ConfigureAwait(false) is not { } nodegroup || nodegroup.Status == "DELETING") return null;
        var old = request.Inputs ?? PropertyMap.Empty;
        var inputs = old.Set("clusterName", Props.Str(cluster)).Set("nodeGroupName", Props.Str(name))
            .Set("nodeRoleArn", Props.Str(nodegroup.NodeRole)).Set("subnetIds", Props.Strings(nodegroup.Subnets))
            .Set("scalingConfig", PropertyValue.Of(ScalingMap(nodegroup.ScalingConfig)));
        if (old.ContainsKey("instanceTypes")) inputs = inputs.Set("instanceTypes", Props.Strings(nodegroup.InstanceTypes));
        foreach (var (key, live) in new[] { ("version", Props.Str(nodegroup.Version)), ("amiType", Props.Str(nodegroup.AmiType)), ("capacityType", Props.Str(nodegroup.CapacityType)), ("diskSize", Props.Num(nodegroup.DiskSize)) })
            if (old.ContainsKey(key)) inputs = inputs.Set(key, live);
        if (old.ContainsKey("taints") || nodegroup.Taints is { Count: > 0 }) inputs = inputs.Set("taints", TaintsValue(nodegroup.Taints));
        if (old.ContainsKey("labels") || nodegroup.Labels is { Count: > 0 }) inputs = inputs.Set("labels", Props.Map(nodegroup.Labels));
        if (old.ContainsKey("tags") || nodegroup.Tags is { Count: > 0 }) inputs = inputs.Set("tags", Props.Map(nodegroup.Tags));
        return new ReadResponse(request.Id, Outputs(inputs, nodegroup), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var (cluster, name) = ParseId(request.Id);
        var scalingChanged = !Equals(Props.Object(request.OldInputs, "scalingConfig"), Props.Object(request.NewInputs, "scalingConfig"));
        var oldLabels = Props.StringMap(request.OldInputs, "labels");
        var newLabels = Props.StringMap(request.NewInputs, "labels");
        var addLabels = newLabels.Where(l => !oldLabels.TryGetValue(l.Key, out var v) || v != l.Value).ToDictionary();
        var removeLabels = oldLabels.Keys.Where(k => !newLabels.ContainsKey(k)).ToList();
        var (oldTaints, newTaints) = (Taints(request.OldInputs), Taints(request.NewInputs));
        var addTaints = newTaints.Except(oldTaints).ToList();
        var removeTaints = oldTaints.Where(o => !newTaints.Any(n => n.Key == o.Key && n.Effect == o.Effect)).ToList();
        if (scalingChanged || addLabels.Count > 0 || removeLabels.Count > 0 || addTaints.Count > 0 || removeTaints.Count > 0)
        {
            var update = await AwsCall.RunAsync(() => eks.UpdateNodegroupConfigAsync(cluster, name, new UpdateNodegroupConfigRequest
            {
                ScalingConfig = scalingChanged ? Scaling(request.NewInputs) : null,
                Labels = addLabels.Count > 0 || removeLabels.Count > 0
                    ? new UpdateLabelsPayload { AddOrUpdateLabels = addLabels.Count > 0 ? addLabels : null, RemoveLabels = removeLabels.Count > 0 ? removeLabels : null }
                    : null,
                Taints = addTaints.Count > 0 || removeTaints.Count > 0
                    ? new UpdateTaintsPayload { AddOrUpdateTaints = addTaints.Count > 0 ? addTaints : null, RemoveTaints = removeTaints.Count > 0 ? removeTaints : null }
                    : null,
            }, cancellationToken)).ConfigureAwait(false);
            await AwsCall.RunAsync(() => eks.WaitForUpdateAsync(cluster, update.Update!.Id!, name, _waiting, cancellationToken)).ConfigureAwait(false);
        }
        if (request.NewInputs.GetString("version") is { } version && version != request.OldOutputs.GetString("version"))
        {
            var update = await AwsCall.RunAsync(() => eks.UpdateNodegroupVersionAsync(cluster, name, new UpdateNodegroupVersionRequest { Version = version }, cancellationToken)).ConfigureAwait(false);
            await AwsCall.RunAsync(() => eks.WaitForUpdateAsync(cluster, update.Update!.Id!, name, _waiting, cancellationToken)).ConfigureAwait(false);
        }
        var nodegroup = await AwsCall.RunAsync(() => eks.WaitForNodegroupActiveAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(request.NewInputs, nodegroup));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var (cluster, name) = ParseId(request.Id);
        try { await eks.DeleteNodegroupAsync(cluster, name, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EksErrorCodes.ResourceNotFound) { return; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        await AwsCall.RunAsync(() => eks.WaitForNodegroupDeletedAsync(cluster, name, _waiting, cancellationToken)).ConfigureAwait(false);
    }
}

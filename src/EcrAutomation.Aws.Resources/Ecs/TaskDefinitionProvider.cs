using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Providers;
using EcsTaskDefinition = EcrAutomation.Aws.Ecs.TaskDefinition;

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>
/// <c>aws:ecs/taskDefinition:TaskDefinition</c>. Task definitions are immutable: any change but tags registers a new revision
/// (a create-before-delete replacement, so a service moves to the new revision before the old one is deregistered).
/// Id = the revision ARN; import takes an ARN or <c>family:revision</c>. The container definitions are stored as canonical
/// JSON (sorted keys, no nulls), and Fargate CPU/memory pairs are checked at preview with ECS's own error text.
/// </summary>
internal sealed class TaskDefinitionProvider : IResourceProvider
{
    public const string Type = "aws:ecs/taskDefinition:TaskDefinition";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        if (inputs.GetString("family") is null && !Props.IsUnknown(inputs, "family")) failures.Add(new CheckFailure("family", "family is required"));
        if (!Props.IsUnknown(inputs, "containerDefinitions"))
        {
            try
            {
                var canonical = Canonicalize(inputs.GetString("containerDefinitions") ?? throw new JsonException("containerDefinitions is required"));
                inputs = inputs.Set("containerDefinitions", PropertyValue.Of(canonical));
                foreach (var c in Containers(canonical))
                {
                    if (string.IsNullOrEmpty(c.Image)) failures.Add(new CheckFailure("containerDefinitions", $"container '{c.Name}' has no image"));
                }
            }
            catch (JsonException e) { failures.Add(new CheckFailure("containerDefinitions", $"containerDefinitions must be a JSON array of container definitions: {e.Message}")); }
        }
        var fargate = Props.StringList(inputs, "requiresCompatibilities").Contains("FARGATE");
        if (fargate && !Props.IsUnknown(inputs, "cpu") && !Props.IsUnknown(inputs, "memory"))
        {
            var cpu = FargateSizes.ParseCpu(inputs.GetString("cpu"));
            var memory = FargateSizes.ParseMemory(inputs.GetString("memory"));
            if (cpu is null) failures.Add(new CheckFailure("cpu", "Fargate requires that 'cpu' be defined at the task level."));
            else if (memory is null) failures.Add(new CheckFailure("memory", "Fargate requires that 'memory' be defined at the task level."));
            else if (!FargateSizes.IsValid(cpu.Value, memory.Value))
                failures.Add(new CheckFailure("cpu", $"No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values."));
            if (inputs.GetString("networkMode") is { } mode && mode != "awsvpc")
                failures.Add(new CheckFailure("networkMode", $"Fargate requires networkMode 'awsvpc', not '{mode}'"));
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    /// <summary>Container definitions JSON with keys sorted and nulls and empty lists/objects removed, so formatting and ECS's filled-in defaults never show as a change.</summary>
    public static string Canonicalize(string json)
    {
        var node = JsonNode.Parse(json) as JsonArray ?? throw new JsonException("expected a JSON array");
        return Clean(node)!.ToJsonString();
    }

    private static JsonNode? Clean(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(kv => kv.Value is not null and not JsonArray { Count: 0 } and not JsonObject { Count: 0 })
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Clean(kv.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Clean)]),
        _ => node?.DeepClone(),
    };

    /// <summary>Canonical container JSON without the values ECS fills in when they are not given (cpu 0, essential true, protocol tcp).</summary>
    internal static string WithoutEcsDefaults(string canonical)
    {
        var array = (JsonArray)JsonNode.Parse(canonical)!;
        foreach (var container in array.OfType<JsonObject>())
        {
            if (container["cpu"] is JsonValue cpu && cpu.TryGetValue<int>(out var c) && c == 0) container.Remove("cpu");
            if (container["essential"] is JsonValue essential && essential.TryGetValue<bool>(out var e) && e) container.Remove("essential");
            if (container["portMappings"] is JsonArray ports)
                foreach (var port in ports.OfType<JsonObject>())
                    if (port["protocol"] is JsonValue protocol && protocol.TryGetValue<string>(out var p) && p == "tcp") port.Remove("protocol");
        }
        return array.ToJsonString();
    }

    internal static IReadOnlyList<ContainerDefinition> Containers(string json) =>
        JsonSerializer.Deserialize<List<ContainerDefinition>>(json, Json) ?? [];

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default)
    {
        var diff = ProviderDiff.Compare(request.OldInputs, request.NewInputs, [], [.. request.IgnoreChanges, "skipDestroy"]);
        var replace = diff.ChangedKeys.Where(k => k is not "tags").ToList();
        return Task.FromResult(diff with
        {
            ReplaceKeys = replace,
            DetailedDiff = diff.DetailedDiff.ToDictionary(kv => kv.Key, kv => replace.Contains(kv.Key) ? kv.Value switch
            {
                DiffKind.Add => DiffKind.AddReplace,
                DiffKind.Delete => DiffKind.DeleteReplace,
                DiffKind.Update => DiffKind.UpdateReplace,
                var k => k,
            } : kv.Value),
        });
    }

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        var inputs = request.Inputs;
        var runtime = Props.Object(inputs, "runtimePlatform");
        // RegisterTaskDefinition adds a revision per call: after an error that may have taken effect, the revision it made
        // is looked for (and adopted) before registering again, so no extra ACTIVE revision is left behind.
        var td = await Adoption.CreateOrAdoptAsync(request, $"the revision of task definition {inputs.GetString("family")}", async () => (await ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = inputs.GetString("family")!,
            ContainerDefinitions = Containers(inputs.GetString("containerDefinitions")!),
            Cpu = inputs.GetString("cpu"),
            Memory = inputs.GetString("memory"),
            NetworkMode = inputs.GetString("networkMode"),
            RequiresCompatibilities = Props.StringList(inputs, "requiresCompatibilities") is { Count: > 0 } rc ? rc : null,
            ExecutionRoleArn = inputs.GetString("executionRoleArn"),
            TaskRoleArn = inputs.GetString("taskRoleArn"),
            RuntimePlatform = runtime is null ? null : new RuntimePlatform { CpuArchitecture = runtime.GetString("cpuArchitecture"), OperatingSystemFamily = runtime.GetString("operatingSystemFamily") },
            Tags = ClusterProvider.EcsTags(inputs),
        }, cancellationToken).ConfigureAwait(false)).TaskDefinition!, () => FindOursAsync(ecs, inputs, cancellationToken)).ConfigureAwait(false);
        request.Log.Info($"registered task definition {td.Family}:{td.Revision}");
        return new CreateResponse(td.TaskDefinitionArn!, Outputs(inputs, td));
    }

    /// <summary>
    /// The newest ACTIVE revision of the family in <paramref name="inputs"/> whose definition is the one they ask for: a
    /// revision an interrupted or lost-response register made (revisions this stack recorded differ, or were deregistered).
    /// </summary>
    private static async Task<EcsTaskDefinition?> FindOursAsync(EcsClient ecs, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("family") is not { } family) return null;
        var wanted = WithoutEcsDefaults(Canonicalize(inputs.GetString("containerDefinitions")!));
        await foreach (var arn in ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = family, Status = "ACTIVE", Sort = "DESC" }, cancellationToken).ConfigureAwait(false))
        {
            var td = (await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = arn }, cancellationToken).ConfigureAwait(false)).TaskDefinition;
            if (td is { Status: "ACTIVE" } && td.Family == family && Matches(inputs, td, wanted)) return td;
        }
        return null;
    }

    private static bool Matches(PropertyMap inputs, EcsTaskDefinition td, string wantedContainers) =>
        WithoutEcsDefaults(Canonicalize(JsonSerializer.Serialize(td.ContainerDefinitions ?? [], Json))) == wantedContainers
        && td.Cpu == inputs.GetString("cpu") && td.Memory == inputs.GetString("memory")
        && (td.NetworkMode ?? "bridge") == (inputs.GetString("networkMode") ?? "bridge")
        && td.ExecutionRoleArn == inputs.GetString("executionRoleArn") && td.TaskRoleArn == inputs.GetString("taskRoleArn")
        && (td.RequiresCompatibilities ?? []).ToHashSet().SetEquals(Props.StringList(inputs, "requiresCompatibilities"));

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Ecs, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } td
            ? new ReadResponse(td.TaskDefinitionArn!, Outputs(request.Inputs, td), request.Inputs)
            : null;

    private static PropertyMap Outputs(PropertyMap inputs, EcsTaskDefinition td)
    {
        var arn = td.TaskDefinitionArn!;
        return ProviderResults.Outputs(inputs,
            ("arn", PropertyValue.Of(arn)),
            ("arnWithoutRevision", PropertyValue.Of(arn[..arn.LastIndexOf(':')])),
            ("revision", PropertyValue.Of(td.Revision)),
            ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ecs = AwsConnections.For(request).Ecs;
        TaskDefinitionResponse response;
        try { response = await ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = request.Id, Include = ["TAGS"] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EcsErrorCodes.Client) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        if (response.TaskDefinition is not { Status: not "INACTIVE" } td) return null;
        var live = Canonicalize(JsonSerializer.Serialize(td.ContainerDefinitions ?? [], Json));
        var inputs = request.Inputs ?? PropertyMap.Empty;
        // ECS fills defaults into what it stores; keep the program's JSON unless the containers really differ.
        var old = inputs.GetString("containerDefinitions");
        var same = old is not null && WithoutEcsDefaults(Canonicalize(JsonSerializer.Serialize(Containers(old), Json))) == WithoutEcsDefaults(live);
        inputs = inputs
            .Set("family", Props.Str(td.Family))
            .Set("containerDefinitions", PropertyValue.Of(same ? old! : live));
        inputs = td.RequiresCompatibilities is { Count: > 0 } rc ? inputs.Set("requiresCompatibilities", Props.Strings(rc)) : inputs.Remove("requiresCompatibilities");
        // ECS reports its defaults (network mode bridge); keep them out of the inputs unless the program set them.
        var networkMode = td.NetworkMode == "bridge" && !inputs.ContainsKey("networkMode") ? null : td.NetworkMode;
        foreach (var (key, value) in new[] { ("cpu", td.Cpu), ("memory", td.Memory), ("networkMode", networkMode), ("executionRoleArn", td.ExecutionRoleArn), ("taskRoleArn", td.TaskRoleArn) })
            inputs = value is null ? inputs.Remove(key) : inputs.Set(key, PropertyValue.Of(value));
        if (response.Tags is { Count: > 0 } tags) inputs = inputs.Set("tags", Props.Map(tags.Select(t => KeyValuePair.Create(t.Key, t.Value))));
        return new ReadResponse(td.TaskDefinitionArn!, Outputs(inputs, td), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        // Only tags (and skipDestroy) reach here; everything else replaces.
        var ecs = AwsConnections.For(request).Ecs;
        if (ClusterProvider.EcsTags(request.NewInputs) is { } tags)
            await AwsCall.RunAsync(() => ecs.TagResourceAsync(new EcsTagResourceRequest { ResourceArn = request.Id, Tags = tags }, cancellationToken)).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in ProviderResults.Outputs(request.NewInputs)) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Inputs.GetBool("skipDestroy") == true) return;
        var ecs = AwsConnections.For(request).Ecs;
        try
        {
            await ecs.DeregisterTaskDefinitionAsync(new DeregisterTaskDefinitionRequest { TaskDefinition = request.Id }, cancellationToken).ConfigureAwait(false);
            request.Log.Info($"deregistered task definition {request.Id[(request.Id.LastIndexOf('/') + 1)..]}");
        }
        catch (AwsServiceException e) when (e.ErrorCode == EcsErrorCodes.Client) { } // already gone or inactive
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }
}

using EcrAutomation.Aws.Logs;
using EcrAutomation.Providers;
using LogsLogGroup = EcrAutomation.Aws.Logs.LogGroup;

namespace EcrAutomation.Aws.Resources.CloudWatch;

/// <summary>
/// <c>aws:cloudwatch/logGroup:LogGroup</c>: auto-named (512 max); retentionInDays updates in place (0 = never expire, as
/// pulumi-aws records it); name and kmsKeyId replace. Id = the name.
/// </summary>
internal sealed class LogGroupProvider : IResourceProvider
{
    public const string Type = "aws:cloudwatch/logGroup:LogGroup";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 512);
        if (!inputs.ContainsKey("retentionInDays")) inputs = inputs.Set("retentionInDays", PropertyValue.Of(0));
        return Task.FromResult(CheckResponse.Ok(inputs));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "kmsKeyId"], [.. request.IgnoreChanges, "skipDestroy"]));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var logs = AwsConnections.For(request).Logs;
        var inputs = request.Inputs;
        var name = inputs.GetString("name")!;
        var group = await Adoption.CreateOrAdoptAsync(request, $"log group {name}", async () =>
        {
            await logs.CreateLogGroupAsync(new CreateLogGroupRequest
            {
                LogGroupName = name,
                KmsKeyId = inputs.GetString("kmsKeyId"),
                Tags = Props.StringMap(inputs, "tags") is { Count: > 0 } t ? t : null,
            }, cancellationToken).ConfigureAwait(false);
            return await logs.FindLogGroupAsync(name, cancellationToken).ConfigureAwait(false) ?? new LogsLogGroup { LogGroupName = name };
        }, () => FindOursAsync(logs, inputs, cancellationToken)).ConfigureAwait(false);
        var retention = Props.Int(inputs, "retentionInDays") ?? 0;
        if (retention > 0 && group.RetentionInDays != retention)
        {
            try { await logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = name, RetentionInDays = retention }, cancellationToken).ConfigureAwait(false); }
            catch (AwsException e)
            {
                var has = inputs.Set("retentionInDays", PropertyValue.Of(group.RetentionInDays ?? 0));
                throw new ResourceInitializationException(name, has, Outputs(request, has, group), $"created log group {name}, but setting its retention failed: {e.Message}", e);
            }
        }
        return new CreateResponse(name, Outputs(request, inputs, group));
    }

    /// <summary>The log group named in <paramref name="inputs"/>, if its KMS key is the one they ask for.</summary>
    private static async Task<LogsLogGroup?> FindOursAsync(LogsClient logs, PropertyMap inputs, CancellationToken cancellationToken) =>
        inputs.GetString("name") is { } name && await logs.FindLogGroupAsync(name, cancellationToken).ConfigureAwait(false) is { } group
            && (group.KmsKeyId ?? "") == (inputs.GetString("kmsKeyId") ?? "")
            ? group
            : null;

    private static PropertyMap Outputs(ProviderRequest request, PropertyMap inputs, LogsLogGroup group)
    {
        var outputs = Outputs(request, inputs);
        return group.Arn is { } arn ? outputs.Set("arn", PropertyValue.Of(arn.EndsWith(":*", StringComparison.Ordinal) ? arn[..^2] : arn)) : outputs;
    }

    private static PropertyMap Outputs(ProviderRequest request, PropertyMap inputs)
    {
        var connection = AwsConnections.For(request);
        var account = request.Config.TryGetValue("aws:accountId", out var a) ? a : null;
        return ProviderResults.Outputs(inputs,
            ("arn", PropertyValue.Of($"arn:aws:logs:{connection.Region}:{account ?? "*"}:log-group:{inputs.GetString("name")}")),
            ("region", PropertyValue.Of(connection.Region)),
            ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var logs = AwsConnections.For(request).Logs;
        var group = await AwsCall.RunAsync(() => logs.FindLogGroupAsync(request.Id, cancellationToken)).ConfigureAwait(false);
        if (group is null) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("name", PropertyValue.Of(group.LogGroupName))
            .Set("retentionInDays", PropertyValue.Of(group.RetentionInDays ?? 0));
        var outputs = Outputs(request, inputs);
        if (group.Arn is { } arn) outputs = outputs.Set("arn", PropertyValue.Of(arn.EndsWith(":*", StringComparison.Ordinal) ? arn[..^2] : arn));
        return new ReadResponse(group.LogGroupName!, outputs, inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var logs = AwsConnections.For(request).Logs;
        var days = Props.Int(request.NewInputs, "retentionInDays") ?? 0;
        if (days != (Props.Int(request.OldInputs, "retentionInDays") ?? 0))
        {
            if (days > 0)
                await AwsCall.RunAsync(() => logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = request.Id, RetentionInDays = days }, cancellationToken)).ConfigureAwait(false);
            else
                request.Log.Warning("removing a retention policy is not supported by this provider yet; the previous retention stays in effect");
        }
        var outputs = request.OldOutputs;
        foreach (var (k, v) in ProviderResults.Outputs(request.NewInputs)) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs);
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Inputs.GetBool("skipDestroy") == true) return Task.CompletedTask;
        var logs = AwsConnections.For(request).Logs;
        return AwsCall.DeleteAsync(() => logs.DeleteLogGroupAsync(new DeleteLogGroupRequest { LogGroupName = request.Id }, cancellationToken), LogsErrorCodes.ResourceNotFound);
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        if (await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Logs, request.Inputs, cancellationToken)).ConfigureAwait(false) is not { } group) return null;
        // The create may have stopped before the retention was set: record the retention it has, so the next diff sets it.
        var inputs = request.Inputs.Set("retentionInDays", PropertyValue.Of(group.RetentionInDays ?? 0));
        return new ReadResponse(group.LogGroupName!, Outputs(request, inputs, group), inputs);
    }
}

using EcrAutomation.Aws.Elb;
using EcrAutomation.Providers;
using ElbTargetGroup = EcrAutomation.Aws.Elb.TargetGroup;

namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>
/// <c>aws:lb/targetGroup:TargetGroup</c>: auto-named within 32 characters (so a logical name over 24 characters fails at
/// preview, as in pulumi-aws). Name, port, protocol, vpcId and targetType replace; the health check updates in place.
/// </summary>
internal sealed class TargetGroupProvider : IResourceProvider
{
    public const string Type = "aws:lb/targetGroup:TargetGroup";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        PropertyMap inputs;
        try { inputs = AutoNaming.Apply(request, "name", 32); }
        catch (ResourceProviderException e) { return Task.FromResult(new CheckResponse(request.NewInputs, [new CheckFailure("name", e.Message)])); }
        if (inputs.GetString("targetType") is null) inputs = inputs.Set("targetType", PropertyValue.Of("instance"));
        var failures = new List<CheckFailure>();
        if (inputs.GetString("targetType") != "lambda")
        {
            if (!inputs.ContainsKey("port")) failures.Add(new CheckFailure("port", "Attribute port must be specified for a target group whose targetType is not lambda"));
            if (!inputs.ContainsKey("protocol")) failures.Add(new CheckFailure("protocol", "Attribute protocol must be specified for a target group whose targetType is not lambda"));
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "port", "protocol", "vpcId", "targetType", "protocolVersion"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        var inputs = request.Inputs;
        var hc = Props.Object(inputs, "healthCheck");
        var tg = await Adoption.CreateOrAdoptAsync(request, $"target group {inputs.GetString("name")}", () => elb.CreateTargetGroupAsync(new CreateTargetGroupRequest
        {
            Name = inputs.GetString("name")!,
            Port = Props.Int(inputs, "port"),
            Protocol = inputs.GetString("protocol"),
            ProtocolVersion = inputs.GetString("protocolVersion"),
            VpcId = inputs.GetString("vpcId"),
            TargetType = inputs.GetString("targetType"),
            HealthCheckEnabled = hc?.GetBool("enabled"),
            HealthCheckPath = hc?.GetString("path"),
            HealthCheckPort = hc?.GetString("port"),
            HealthCheckProtocol = hc?.GetString("protocol"),
            HealthCheckIntervalSeconds = Props.Int(hc, "interval"),
            HealthCheckTimeoutSeconds = Props.Int(hc, "timeout"),
            HealthyThresholdCount = Props.Int(hc, "healthyThreshold"),
            UnhealthyThresholdCount = Props.Int(hc, "unhealthyThreshold"),
            Matcher = hc?.GetString("matcher") is { } m ? new Matcher { HttpCode = m } : null,
            Tags = LoadBalancerProvider.Tags(inputs),
        }, cancellationToken), () => FindOursAsync(elb, inputs, cancellationToken)).ConfigureAwait(false);
        await SetDeregistrationDelayAsync(elb, tg.TargetGroupArn!, inputs, cancellationToken).ConfigureAwait(false);
        return new CreateResponse(tg.TargetGroupArn!, Outputs(inputs, tg));
    }

    /// <summary>The target group named in <paramref name="inputs"/>, if its port, protocol, VPC and target type are the ones they ask for.</summary>
    private static async Task<ElbTargetGroup?> FindOursAsync(ElbClient elb, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name) return null;
        TargetGroupsResult found;
        try { found = await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = [name] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.TargetGroupNotFound) { return null; }
        return found.TargetGroups.SingleOrDefault(tg => tg.TargetGroupName == name && tg.Port == Props.Int(inputs, "port")
            && tg.Protocol == inputs.GetString("protocol") && (inputs.GetString("vpcId") is not { } vpc || tg.VpcId == vpc)
            && (tg.TargetType ?? "instance") == inputs.GetString("targetType"));
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Elb, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } tg
            ? new ReadResponse(tg.TargetGroupArn!, Outputs(request.Inputs, tg), request.Inputs)
            : null;

    private static PropertyMap Outputs(PropertyMap inputs, ElbTargetGroup tg)
    {
        var arn = tg.TargetGroupArn!;
        var health = PropertyMap.Empty
            .Set("enabled", PropertyValue.Of(tg.HealthCheckEnabled ?? true))
            .Set("path", Props.Str(tg.HealthCheckPath ?? "/"))
            .Set("port", Props.Str(tg.HealthCheckPort ?? "traffic-port"))
            .Set("protocol", Props.Str(tg.HealthCheckProtocol ?? tg.Protocol))
            .Set("interval", PropertyValue.Of(tg.HealthCheckIntervalSeconds ?? 30))
            .Set("timeout", PropertyValue.Of(tg.HealthCheckTimeoutSeconds ?? 5))
            .Set("healthyThreshold", PropertyValue.Of(tg.HealthyThresholdCount ?? 5))
            .Set("unhealthyThreshold", PropertyValue.Of(tg.UnhealthyThresholdCount ?? 2))
            .Set("matcher", Props.Str(tg.Matcher?.HttpCode ?? "200"));
        return ProviderResults.Outputs(inputs,
            ("arn", Props.Str(arn)),
            ("arnSuffix", Props.Str(arn[(arn.IndexOf(":targetgroup/", StringComparison.Ordinal) + 1)..])),
            ("healthCheck", PropertyValue.Of(health)),
            ("deregistrationDelay", PropertyValue.Of(Props.Int(inputs, "deregistrationDelay") ?? 300)),
            ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));
    }

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        TargetGroupsResult result;
        try { result = await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [request.Id] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.TargetGroupNotFound) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        if (result.TargetGroups.FirstOrDefault() is not { } tg) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("name", Props.Str(tg.TargetGroupName))
            .Set("targetType", Props.Str(tg.TargetType ?? "instance"));
        if (tg.Port is { } port) inputs = inputs.Set("port", PropertyValue.Of(port));
        if (tg.Protocol is { } protocol) inputs = inputs.Set("protocol", PropertyValue.Of(protocol));
        if (tg.VpcId is { } vpc) inputs = inputs.Set("vpcId", PropertyValue.Of(vpc));
        return new ReadResponse(tg.TargetGroupArn!, Outputs(inputs, tg), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        var hc = Props.Object(request.NewInputs, "healthCheck") ?? PropertyMap.Empty;
        var tg = await AwsCall.RunAsync(() => elb.ModifyTargetGroupAsync(new ModifyTargetGroupRequest
        {
            TargetGroupArn = request.Id,
            HealthCheckEnabled = hc.GetBool("enabled"),
            HealthCheckPath = hc.GetString("path"),
            HealthCheckPort = hc.GetString("port"),
            HealthCheckProtocol = hc.GetString("protocol"),
            HealthCheckIntervalSeconds = Props.Int(hc, "interval"),
            HealthCheckTimeoutSeconds = Props.Int(hc, "timeout"),
            HealthyThresholdCount = Props.Int(hc, "healthyThreshold"),
            UnhealthyThresholdCount = Props.Int(hc, "unhealthyThreshold"),
            Matcher = hc.GetString("matcher") is { } m ? new Matcher { HttpCode = m } : null,
        }, cancellationToken)).ConfigureAwait(false);
        if (Props.Int(request.NewInputs, "deregistrationDelay") != Props.Int(request.OldInputs, "deregistrationDelay"))
            await SetDeregistrationDelayAsync(elb, request.Id, request.NewInputs, cancellationToken).ConfigureAwait(false);
        if (LoadBalancerProvider.Tags(request.NewInputs) is { } tags)
            await AwsCall.RunAsync(() => elb.AddTagsAsync(new AddTagsRequest { ResourceArns = [request.Id], Tags = tags }, cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(request.NewInputs, tg));
    }

    /// <summary>How long a deregistered target drains (an attribute, not a CreateTargetGroup field); AWS's default 300 s when unset.</summary>
    private static async Task SetDeregistrationDelayAsync(ElbClient elb, string arn, PropertyMap inputs, CancellationToken cancellationToken)
    {
        var seconds = Props.Int(inputs, "deregistrationDelay") ?? 300;
        await AwsCall.RunAsync(() => elb.ModifyTargetGroupAttributesAsync(new ModifyTargetGroupAttributesRequest
        {
            TargetGroupArn = arn,
            Attributes = [new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }],
        }, cancellationToken)).ConfigureAwait(false);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        var time = AwsConnections.For(request).Options.TimeProvider;
        var deadline = time.GetUtcNow() + (request.Timeout ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                await elb.DeleteTargetGroupAsync(request.Id, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.TargetGroupNotFound) { return; }
            catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.ResourceInUse && time.GetUtcNow() < deadline)
            {
                request.Log.Info($"target group still in use ({e.ErrorMessage}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), time, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.ResourceInUse)
            {
                throw new ResourceProviderException($"{e.ErrorMessage} ({e.ErrorCode}). Delete the listeners and rules that forward to it first.", e);
            }
            catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        }
    }
}

using System.Text.RegularExpressions;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Providers;
using ElbLoadBalancer = EcrAutomation.Aws.Elb.LoadBalancer;
using ElbTargetGroup = EcrAutomation.Aws.Elb.TargetGroup;
using ElbListener = EcrAutomation.Aws.Elb.Listener;

namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>
/// <c>aws:lb/loadBalancer:LoadBalancer</c>: auto-named within the 32-character limit; create waits until the load balancer
/// is active. Name, scheme, type, subnets and security groups replace; tags update in place. Id = the ARN.
/// </summary>
public sealed partial class LoadBalancerProvider : IResourceProvider
{
    public const string Type = "aws:lb/loadBalancer:LoadBalancer";

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var failures = new List<CheckFailure>();
        PropertyMap inputs;
        try { inputs = AutoNaming.Apply(request, "name", 32); }
        catch (ResourceProviderException e) { return Task.FromResult(new CheckResponse(request.NewInputs, [new CheckFailure("name", e.Message)])); }
        if (inputs.GetString("name") is { } name && (!NamePattern().IsMatch(name) || name.StartsWith("internal-", StringComparison.Ordinal)))
            failures.Add(new CheckFailure("name", $"'{name}' is not a valid load balancer name: at most 32 letters, digits and hyphens, not starting or ending with a hyphen, not starting with 'internal-'"));
        if (inputs.GetString("loadBalancerType") is null) inputs = inputs.Set("loadBalancerType", PropertyValue.Of("application"));
        if (inputs.GetBool("internal") is null) inputs = inputs.Set("internal", PropertyValue.False);
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs,
            ["name", "internal", "loadBalancerType", "subnets", "securityGroups", "ipAddressType"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        var inputs = request.Inputs;
        // A load balancer left by an earlier attempt (lost response, interrupted or not yet active) is adopted and awaited.
        var created = await Adoption.CreateOrAdoptAsync(request, $"load balancer {inputs.GetString("name")}", () => elb.CreateLoadBalancerAsync(new CreateLoadBalancerRequest
        {
            Name = inputs.GetString("name")!,
            Subnets = Support.StringList(inputs, "subnets") is { Count: > 0 } s ? s : null,
            SecurityGroups = Support.StringList(inputs, "securityGroups") is { Count: > 0 } g ? g : null,
            Scheme = inputs.GetBool("internal") == true ? "internal" : "internet-facing",
            Type = inputs.GetString("loadBalancerType"),
            IpAddressType = inputs.GetString("ipAddressType"),
            Tags = Tags(inputs),
        }, cancellationToken), () => FindOursAsync(elb, inputs, cancellationToken)).ConfigureAwait(false);
        var active = await WaitActiveAsync(request, elb, created, request.Timeout, cancellationToken).ConfigureAwait(false);
        return new CreateResponse(active.LoadBalancerArn!, Outputs(inputs, active));
    }

    private static async Task<ElbLoadBalancer> WaitActiveAsync(ProviderRequest request, ElbClient elb, ElbLoadBalancer lb, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var time = AwsConnections.For(request).Options.TimeProvider;
        var deadline = time.GetUtcNow() + (timeout ?? TimeSpan.FromMinutes(10));
        var delay = TimeSpan.FromMilliseconds(250);
        while (lb.State?.Code != "active")
        {
            if (lb.State?.Code == "failed") throw new ResourceProviderException($"load balancer {lb.LoadBalancerName} failed to provision: {lb.State.Reason}");
            if (time.GetUtcNow() > deadline) throw new ResourceProviderException($"load balancer {lb.LoadBalancerName} was still {lb.State?.Code} after {timeout ?? TimeSpan.FromMinutes(10)}");
            if (delay >= TimeSpan.FromSeconds(2)) request.Log.Info($"waiting for load balancer {lb.LoadBalancerName} to become active (now {lb.State?.Code ?? "unknown"})");
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            var arn = lb.LoadBalancerArn!;
            lb = (await AwsCall.RunAsync(() => elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = [arn] }, cancellationToken)).ConfigureAwait(false)).LoadBalancers.Single();
        }
        return lb;
    }

    internal static IReadOnlyList<ElbTag>? Tags(PropertyMap inputs) =>
        Props.StringMap(inputs, "tags") is { Count: > 0 } t ? [.. t.Select(kv => new ElbTag { Key = kv.Key, Value = kv.Value })] : null;

    internal static string ArnSuffix(string arn) => arn[(arn.IndexOf(":loadbalancer/", StringComparison.Ordinal) + ":loadbalancer/".Length)..];

    private static PropertyMap Outputs(PropertyMap inputs, ElbLoadBalancer lb) => Support.Merge(inputs,
        ("arn", Props.Str(lb.LoadBalancerArn)),
        ("arnSuffix", Props.Str(ArnSuffix(lb.LoadBalancerArn!))),
        ("dnsName", Props.Str(lb.DNSName)),
        ("zoneId", Props.Str(lb.CanonicalHostedZoneId)),
        ("vpcId", Props.Str(lb.VpcId)),
        ("subnets", Support.Strings(lb.AvailabilityZones?.Select(z => z.SubnetId!).Order(StringComparer.Ordinal))),
        ("securityGroups", Support.Strings(lb.SecurityGroups)),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        LoadBalancersResult result;
        try { result = await elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = [request.Id] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.LoadBalancerNotFound) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        if (result.LoadBalancers.FirstOrDefault() is not { } lb) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("name", Props.Str(lb.LoadBalancerName))
            .Set("internal", PropertyValue.Of(lb.Scheme == "internal"))
            .Set("loadBalancerType", Props.Str(lb.Type))
            .Set("subnets", Support.Strings(lb.AvailabilityZones?.Select(z => z.SubnetId!).Order(StringComparer.Ordinal)));
        if (lb.SecurityGroups is { Count: > 0 } sgs) inputs = inputs.Set("securityGroups", Support.Strings(sgs));
        // Keep the program's subnet order when the set is the same.
        if (request.Inputs is { } old && Support.StringList(old, "subnets").ToHashSet().SetEquals(Support.StringList(inputs, "subnets"))) inputs = inputs.Set("subnets", old["subnets"]);
        if (request.Inputs is { } old2 && Support.StringList(old2, "securityGroups").ToHashSet().SetEquals(Support.StringList(inputs, "securityGroups")) && old2.ContainsKey("securityGroups")) inputs = inputs.Set("securityGroups", old2["securityGroups"]);
        return new ReadResponse(lb.LoadBalancerArn!, Outputs(inputs, lb), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        if (Tags(request.NewInputs) is { } tags)
            await AwsCall.RunAsync(() => elb.AddTagsAsync(new AddTagsRequest { ResourceArns = [request.Id], Tags = tags }, cancellationToken)).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in Support.Merge(request.NewInputs)) if (k is not ("subnets" or "securityGroups")) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs.Set("tagsAll", request.NewInputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        return Support.DeleteAsync(() => elb.DeleteLoadBalancerAsync(request.Id, cancellationToken), ElbErrorCodes.LoadBalancerNotFound);
    }

    /// <summary>The load balancer named in <paramref name="inputs"/>, if its scheme, type, subnets and security groups are the ones they ask for.</summary>
    private static async Task<ElbLoadBalancer?> FindOursAsync(ElbClient elb, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name) return null;
        LoadBalancersResult found;
        try { found = await elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = [name] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.LoadBalancerNotFound) { return null; }
        return found.LoadBalancers.SingleOrDefault(lb => lb.LoadBalancerName == name
            && lb.Scheme == (inputs.GetBool("internal") == true ? "internal" : "internet-facing")
            && lb.Type == inputs.GetString("loadBalancerType")
            && (lb.AvailabilityZones ?? []).Select(z => z.SubnetId).ToHashSet().SetEquals(Support.StringList(inputs, "subnets"))
            && (lb.SecurityGroups ?? []).ToHashSet().SetEquals(Support.StringList(inputs, "securityGroups")));
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Elb, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } lb
            ? new ReadResponse(lb.LoadBalancerArn!, Outputs(request.Inputs, lb), request.Inputs)
            : null;
}

/// <summary>
/// <c>aws:lb/targetGroup:TargetGroup</c>: auto-named within 32 characters (so a logical name over 24 characters fails at
/// preview, as in pulumi-aws). Name, port, protocol, vpcId and targetType replace; the health check updates in place.
/// </summary>
public sealed class TargetGroupProvider : IResourceProvider
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
            Port = Support.Int(inputs, "port"),
            Protocol = inputs.GetString("protocol"),
            ProtocolVersion = inputs.GetString("protocolVersion"),
            VpcId = inputs.GetString("vpcId"),
            TargetType = inputs.GetString("targetType"),
            HealthCheckEnabled = hc?.GetBool("enabled"),
            HealthCheckPath = hc?.GetString("path"),
            HealthCheckPort = hc?.GetString("port"),
            HealthCheckProtocol = hc?.GetString("protocol"),
            HealthCheckIntervalSeconds = Support.Int(hc, "interval"),
            HealthCheckTimeoutSeconds = Support.Int(hc, "timeout"),
            HealthyThresholdCount = Support.Int(hc, "healthyThreshold"),
            UnhealthyThresholdCount = Support.Int(hc, "unhealthyThreshold"),
            Matcher = hc?.GetString("matcher") is { } m ? new Matcher { HttpCode = m } : null,
            Tags = LoadBalancerProvider.Tags(inputs),
        }, cancellationToken), () => FindOursAsync(elb, inputs, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(tg.TargetGroupArn!, Outputs(inputs, tg));
    }

    /// <summary>The target group named in <paramref name="inputs"/>, if its port, protocol, VPC and target type are the ones they ask for.</summary>
    private static async Task<ElbTargetGroup?> FindOursAsync(ElbClient elb, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name) return null;
        TargetGroupsResult found;
        try { found = await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = [name] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.TargetGroupNotFound) { return null; }
        return found.TargetGroups.SingleOrDefault(tg => tg.TargetGroupName == name && tg.Port == Support.Int(inputs, "port")
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
        return Support.Merge(inputs,
            ("arn", Props.Str(arn)),
            ("arnSuffix", Props.Str(arn[(arn.IndexOf(":targetgroup/", StringComparison.Ordinal) + 1)..])),
            ("healthCheck", PropertyValue.Of(health)),
            ("deregistrationDelay", PropertyValue.Of(Support.Int(inputs, "deregistrationDelay") ?? 300)),
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
            HealthCheckIntervalSeconds = Support.Int(hc, "interval"),
            HealthCheckTimeoutSeconds = Support.Int(hc, "timeout"),
            HealthyThresholdCount = Support.Int(hc, "healthyThreshold"),
            UnhealthyThresholdCount = Support.Int(hc, "unhealthyThreshold"),
            Matcher = hc.GetString("matcher") is { } m ? new Matcher { HttpCode = m } : null,
        }, cancellationToken)).ConfigureAwait(false);
        if (LoadBalancerProvider.Tags(request.NewInputs) is { } tags)
            await AwsCall.RunAsync(() => elb.AddTagsAsync(new AddTagsRequest { ResourceArns = [request.Id], Tags = tags }, cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(request.NewInputs, tg));
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

/// <summary>
/// <c>aws:lb/listener:Listener</c>: port, protocol, certificate and default actions update in place; the load balancer
/// replaces. A port already taken on the load balancer fails with the DuplicateListener error explained. Id = the ARN.
/// </summary>
public sealed class ListenerProvider : IResourceProvider
{
    public const string Type = "aws:lb/listener:Listener";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        if (inputs.GetString("loadBalancerArn") is null && !Support.IsUnknown(inputs, "loadBalancerArn")) failures.Add(new CheckFailure("loadBalancerArn", "loadBalancerArn is required"));
        if (!inputs.ContainsKey("defaultActions")) failures.Add(new CheckFailure("defaultActions", "at least one default action is required"));
        if (inputs.GetString("protocol") is null && !Support.IsUnknown(inputs, "protocol"))
            inputs = inputs.Set("protocol", PropertyValue.Of(Support.Int(inputs, "port") == 443 ? "HTTPS" : "HTTP"));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["loadBalancerArn"], request.IgnoreChanges));

    private static IReadOnlyList<ListenerAction> Actions(PropertyMap inputs) =>
        [.. Props.Maps(inputs, "defaultActions").Select(a => new ListenerAction
        {
            Type = a.GetString("type") ?? "forward",
            TargetGroupArn = a.GetString("targetGroupArn"),
            Order = Support.Int(a, "order"),
        })];

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        var inputs = request.Inputs;
        ElbListener listener;
        try
        {
            listener = await Adoption.CreateOrAdoptAsync(request, $"the listener on port {Support.Int(inputs, "port")}", () => elb.CreateListenerAsync(new CreateListenerRequest
            {
                LoadBalancerArn = inputs.GetString("loadBalancerArn")!,
                Port = Support.Int(inputs, "port"),
                Protocol = inputs.GetString("protocol"),
                SslPolicy = inputs.GetString("sslPolicy"),
                Certificates = inputs.GetString("certificateArn") is { } cert ? [new ElbCertificate { CertificateArn = cert }] : null,
                DefaultActions = Actions(inputs),
                Tags = LoadBalancerProvider.Tags(inputs),
            }, cancellationToken), () => FindOursAsync(elb, inputs, cancellationToken)).ConfigureAwait(false);
        }
        catch (ResourceProviderException e) when (e.InnerException is AwsServiceException { ErrorCode: ElbErrorCodes.DuplicateListener } duplicate)
        {
            throw new ResourceProviderException(
                $"port {Support.Int(inputs, "port")} is already used by another listener on load balancer {inputs.GetString("loadBalancerArn")}: {duplicate.ErrorMessage} ({duplicate.ErrorCode}). " +
                "Use another port, or delete or import the existing listener.", duplicate);
        }
        return new CreateResponse(listener.ListenerArn!, Outputs(inputs, listener));
    }

    /// <summary>
    /// The listener on the load balancer and port in <paramref name="inputs"/>, if its protocol and target groups are the
    /// ones they ask for (a port holds one listener, so this is the one an earlier attempt made).
    /// </summary>
    private static async Task<ElbListener?> FindOursAsync(ElbClient elb, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("loadBalancerArn") is not { } lb) return null;
        var wanted = Actions(inputs).Select(a => a.TargetGroupArn).ToHashSet();
        try
        {
            await foreach (var listener in elb.DescribeAllListenersAsync(new DescribeListenersRequest { LoadBalancerArn = lb }, cancellationToken).ConfigureAwait(false))
                if (listener.Port == Support.Int(inputs, "port") && listener.Protocol == inputs.GetString("protocol")
                    && (listener.DefaultActions ?? []).Select(a => a.TargetGroupArn ?? a.ForwardConfig?.TargetGroups?.FirstOrDefault()?.TargetGroupArn).ToHashSet().SetEquals(wanted))
                    return listener;
        }
        catch (AwsServiceException e) when (e.ErrorCode == ElbErrorCodes.LoadBalancerNotFound) { }
        return null;
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Elb, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } listener
            ? new ReadResponse(listener.ListenerArn!, Outputs(request.Inputs, listener), request.Inputs)
            : null;

    private static PropertyMap Outputs(PropertyMap inputs, ElbListener listener) => Support.Merge(inputs,
        ("arn", Props.Str(listener.ListenerArn)),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        ListenersResult result;
        try { result = await elb.DescribeListenersAsync(new DescribeListenersRequest { ListenerArns = [request.Id] }, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode is ElbErrorCodes.ListenerNotFound or ElbErrorCodes.LoadBalancerNotFound) { return null; }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        if (result.Listeners.FirstOrDefault() is not { } listener) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("loadBalancerArn", Props.Str(listener.LoadBalancerArn))
            .Set("port", Support.Num(listener.Port))
            .Set("protocol", Props.Str(listener.Protocol))
            .Set("defaultActions", PropertyValue.Of((listener.DefaultActions ?? []).Select(a =>
            {
                var map = PropertyMap.Empty.Set("type", PropertyValue.Of(a.Type));
                if ((a.TargetGroupArn ?? a.ForwardConfig?.TargetGroups?.FirstOrDefault()?.TargetGroupArn) is { } tg) map = map.Set("targetGroupArn", PropertyValue.Of(tg));
                return PropertyValue.Of(map);
            })));
        return new ReadResponse(listener.ListenerArn!, Outputs(inputs, listener), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        var inputs = request.NewInputs;
        var listener = await AwsCall.RunAsync(() => elb.ModifyListenerAsync(new ModifyListenerRequest
        {
            ListenerArn = request.Id,
            Port = Support.Int(inputs, "port"),
            Protocol = inputs.GetString("protocol"),
            SslPolicy = inputs.GetString("sslPolicy"),
            Certificates = inputs.GetString("certificateArn") is { } cert ? [new ElbCertificate { CertificateArn = cert }] : null,
            DefaultActions = Actions(inputs),
        }, cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(inputs, listener with { ListenerArn = request.Id }));
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        return Support.DeleteAsync(() => elb.DeleteListenerAsync(request.Id, cancellationToken), ElbErrorCodes.ListenerNotFound, ElbErrorCodes.LoadBalancerNotFound);
    }
}

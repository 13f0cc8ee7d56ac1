using EcrAutomation.Aws.Elb;
using EcrAutomation.Providers;
using ElbListener = EcrAutomation.Aws.Elb.Listener;

namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>
/// <c>aws:lb/listener:Listener</c>: port, protocol, certificate and default actions update in place; the load balancer
/// replaces. A port already taken on the load balancer fails with the DuplicateListener error explained. Id = the ARN.
/// </summary>
internal sealed class ListenerProvider : IResourceProvider
{
    public const string Type = "aws:lb/listener:Listener";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        if (inputs.GetString("loadBalancerArn") is null && !Props.IsUnknown(inputs, "loadBalancerArn")) failures.Add(new CheckFailure("loadBalancerArn", "loadBalancerArn is required"));
        if (!inputs.ContainsKey("defaultActions")) failures.Add(new CheckFailure("defaultActions", "at least one default action is required"));
        if (inputs.GetString("protocol") is null && !Props.IsUnknown(inputs, "protocol"))
            inputs = inputs.Set("protocol", PropertyValue.Of(Props.Int(inputs, "port") == 443 ? "HTTPS" : "HTTP"));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["loadBalancerArn"], request.IgnoreChanges));

    private static IReadOnlyList<ListenerAction> Actions(PropertyMap inputs) =>
        [.. Props.Maps(inputs, "defaultActions").Select(a => new ListenerAction
        {
            Type = a.GetString("type") ?? "forward",
            TargetGroupArn = a.GetString("targetGroupArn"),
            Order = Props.Int(a, "order"),
        })];

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        var inputs = request.Inputs;
        ElbListener listener;
        try
        {
            listener = await Adoption.CreateOrAdoptAsync(request, $"the listener on port {Props.Int(inputs, "port")}", () => elb.CreateListenerAsync(new CreateListenerRequest
            {
                LoadBalancerArn = inputs.GetString("loadBalancerArn")!,
                Port = Props.Int(inputs, "port"),
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
                $"port {Props.Int(inputs, "port")} is already used by another listener on load balancer {inputs.GetString("loadBalancerArn")}: {duplicate.ErrorMessage} ({duplicate.ErrorCode}). " +
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
                if (listener.Port == Props.Int(inputs, "port") && listener.Protocol == inputs.GetString("protocol")
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

    private static PropertyMap Outputs(PropertyMap inputs, ElbListener listener) => ProviderResults.Outputs(inputs,
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
            .Set("port", Props.Num(listener.Port))
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
            Port = Props.Int(inputs, "port"),
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
        return AwsCall.DeleteAsync(() => elb.DeleteListenerAsync(request.Id, cancellationToken), ElbErrorCodes.ListenerNotFound, ElbErrorCodes.LoadBalancerNotFound);
    }
}

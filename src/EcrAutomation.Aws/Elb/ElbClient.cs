using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Elb;

/// <summary>Elastic Load Balancing v2 client (query protocol, version 2015-12-01).</summary>
public sealed class ElbClient
{
    /// <summary>API version.</summary>
    public const string ApiVersion = "2015-12-01";

    private readonly AwsQueryProtocol _protocol;
    private readonly AwsRequestExecutor _executor;

    internal ElbClient(AwsRequestExecutor executor)
    {
        _executor = executor;
        _protocol = new AwsQueryProtocol(executor, AwsServiceInfo.Elbv2, ApiVersion);
    }

    /// <summary>CreateLoadBalancer. Idempotent on AWS, but not on every stand-in (moto adds a second one of the name): resent only after throttling.</summary>
    public async Task<LoadBalancer> CreateLoadBalancerAsync(CreateLoadBalancerRequest request, CancellationToken cancellationToken = default) =>
        Single((await _protocol.InvokeAsync<LoadBalancersResult>("CreateLoadBalancer", request, cancellationToken, idempotent: false).ConfigureAwait(false)).LoadBalancers, "load balancer");

    /// <summary>DescribeLoadBalancers (one page).</summary>
    public Task<LoadBalancersResult> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<LoadBalancersResult>("DescribeLoadBalancers", request, cancellationToken);

    /// <summary>DescribeLoadBalancers, every page (Marker → NextMarker).</summary>
    public IAsyncEnumerable<LoadBalancer> DescribeAllLoadBalancersAsync(DescribeLoadBalancersRequest? request = null, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (marker, ct) => DescribeLoadBalancersAsync((request ?? new()) with { Marker = marker }, ct),
            page => page.LoadBalancers, page => page.NextMarker, cancellationToken);

    /// <summary>DeleteLoadBalancer (succeeds for an absent load balancer).</summary>
    public Task DeleteLoadBalancerAsync(string loadBalancerArn, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("DeleteLoadBalancer", new { LoadBalancerArn = loadBalancerArn }, cancellationToken);

    /// <summary>Polls until the load balancer's state is <c>active</c> (<c>failed</c> fails the wait).</summary>
    public async Task<LoadBalancer> WaitForLoadBalancerActiveAsync(string loadBalancerArn, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await AwsWaiter.WaitUntilAsync(
            $"load balancer {loadBalancerArn} to become active",
            ct => DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = [loadBalancerArn] }, ct),
            r => r.LoadBalancers.FirstOrDefault()?.State?.Code switch
            {
                "active" => (WaiterState.Success, "active"),
                "failed" => (WaiterState.Failure, "failed: " + r.LoadBalancers[0].State?.Reason),
                var code => (WaiterState.Pending, code ?? "unknown"),
            },
            options ?? new AwsWaiterOptions { Interval = TimeSpan.FromSeconds(15), Timeout = TimeSpan.FromMinutes(10) },
            _executor.TimeProvider, _executor.Logger, cancellationToken).ConfigureAwait(false);
        return result.LoadBalancers[0];
    }

    /// <summary>CreateTargetGroup.</summary>
    public async Task<TargetGroup> CreateTargetGroupAsync(CreateTargetGroupRequest request, CancellationToken cancellationToken = default) =>
        Single((await _protocol.InvokeAsync<TargetGroupsResult>("CreateTargetGroup", request, cancellationToken).ConfigureAwait(false)).TargetGroups, "target group");

    /// <summary>DescribeTargetGroups (one page).</summary>
    public Task<TargetGroupsResult> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<TargetGroupsResult>("DescribeTargetGroups", request, cancellationToken);

    /// <summary>DescribeTargetGroups, every page.</summary>
    public IAsyncEnumerable<TargetGroup> DescribeAllTargetGroupsAsync(DescribeTargetGroupsRequest? request = null, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (marker, ct) => DescribeTargetGroupsAsync((request ?? new()) with { Marker = marker }, ct),
            page => page.TargetGroups, page => page.NextMarker, cancellationToken);

    /// <summary>DescribeTargetHealth: each registered target's state and, when not healthy, AWS's reason and description.</summary>
    public Task<TargetHealthResult> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<TargetHealthResult>("DescribeTargetHealth", new { TargetGroupArn = targetGroupArn }, cancellationToken);

    /// <summary>ModifyTargetGroup.</summary>
    public async Task<TargetGroup> ModifyTargetGroupAsync(ModifyTargetGroupRequest request, CancellationToken cancellationToken = default) =>
        Single((await _protocol.InvokeAsync<TargetGroupsResult>("ModifyTargetGroup", request, cancellationToken).ConfigureAwait(false)).TargetGroups, "target group");

    /// <summary>ModifyTargetGroupAttributes (e.g. <c>deregistration_delay.timeout_seconds</c>); returns every attribute after the change.</summary>
    public Task<TargetGroupAttributesResult> ModifyTargetGroupAttributesAsync(ModifyTargetGroupAttributesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<TargetGroupAttributesResult>("ModifyTargetGroupAttributes", request, cancellationToken);

    /// <summary>DescribeTargetGroupAttributes.</summary>
    public Task<TargetGroupAttributesResult> DescribeTargetGroupAttributesAsync(string targetGroupArn, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<TargetGroupAttributesResult>("DescribeTargetGroupAttributes", new { TargetGroupArn = targetGroupArn }, cancellationToken);

    /// <summary>DeleteTargetGroup (ResourceInUse while a listener references it).</summary>
    public Task DeleteTargetGroupAsync(string targetGroupArn, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("DeleteTargetGroup", new { TargetGroupArn = targetGroupArn }, cancellationToken);

    /// <summary>CreateListener. Idempotent on AWS, but not on every stand-in (moto adds a second listener on the port): resent only after throttling.</summary>
    public async Task<Listener> CreateListenerAsync(CreateListenerRequest request, CancellationToken cancellationToken = default) =>
        Single((await _protocol.InvokeAsync<ListenersResult>("CreateListener", request, cancellationToken, idempotent: false).ConfigureAwait(false)).Listeners, "listener");

    /// <summary>DescribeListeners (one page).</summary>
    public Task<ListenersResult> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<ListenersResult>("DescribeListeners", request, cancellationToken);

    /// <summary>DescribeListeners, every page.</summary>
    public IAsyncEnumerable<Listener> DescribeAllListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (marker, ct) => DescribeListenersAsync(request with { Marker = marker }, ct),
            page => page.Listeners, page => page.NextMarker, cancellationToken);

    /// <summary>ModifyListener.</summary>
    public async Task<Listener> ModifyListenerAsync(ModifyListenerRequest request, CancellationToken cancellationToken = default) =>
        Single((await _protocol.InvokeAsync<ListenersResult>("ModifyListener", request, cancellationToken).ConfigureAwait(false)).Listeners, "listener");

    /// <summary>DeleteListener.</summary>
    public Task DeleteListenerAsync(string listenerArn, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("DeleteListener", new { ListenerArn = listenerArn }, cancellationToken);

    /// <summary>AddTags.</summary>
    public Task AddTagsAsync(AddTagsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EmptyResult>("AddTags", request, cancellationToken);

    private static T Single<T>(List<T> items, string what) =>
        items.Count > 0 ? items[0] : throw new AwsException($"ELBv2 returned no {what}.");

    private sealed record EmptyResult;
}

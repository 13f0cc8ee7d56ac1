using System.Text.RegularExpressions;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Providers;
using ElbLoadBalancer = EcrAutomation.Aws.Elb.LoadBalancer;

namespace EcrAutomation.Aws.Resources.Lb;

/// <summary>
/// <c>aws:lb/loadBalancer:LoadBalancer</c>: auto-named within the 32-character limit; create waits until the load balancer
/// is active. Name, scheme, type, subnets and security groups replace; tags update in place. Id = the ARN.
/// </summary>
internal sealed partial class LoadBalancerProvider : IResourceProvider
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
            Subnets = Props.StringList(inputs, "subnets") is { Count: > 0 } s ? s : null,
            SecurityGroups = Props.StringList(inputs, "securityGroups") is { Count: > 0 } g ? g : null,
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

    private static PropertyMap Outputs(PropertyMap inputs, ElbLoadBalancer lb) => ProviderResults.Outputs(inputs,
        ("arn", Props.Str(lb.LoadBalancerArn)),
        ("arnSuffix", Props.Str(ArnSuffix(lb.LoadBalancerArn!))),
        ("dnsName", Props.Str(lb.DNSName)),
        ("zoneId", Props.Str(lb.CanonicalHostedZoneId)),
        ("vpcId", Props.Str(lb.VpcId)),
        ("subnets", Props.Strings(lb.AvailabilityZones?.Select(z => z.SubnetId!).Order(StringComparer.Ordinal))),
        ("securityGroups", Props.Strings(lb.SecurityGroups)),
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
            .Set("subnets", Props.Strings(lb.AvailabilityZones?.Select(z => z.SubnetId!).Order(StringComparer.Ordinal)));
        if (lb.SecurityGroups is { Count: > 0 } sgs) inputs = inputs.Set("securityGroups", Props.Strings(sgs));
        // Keep the program's subnet order when the set is the same.
        if (request.Inputs is { } old && Props.StringList(old, "subnets").ToHashSet().SetEquals(Props.StringList(inputs, "subnets"))) inputs = inputs.Set("subnets", old["subnets"]);
        if (request.Inputs is { } old2 && Props.StringList(old2, "securityGroups").ToHashSet().SetEquals(Props.StringList(inputs, "securityGroups")) && old2.ContainsKey("securityGroups")) inputs = inputs.Set("securityGroups", old2["securityGroups"]);
        return new ReadResponse(lb.LoadBalancerArn!, Outputs(inputs, lb), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        if (Tags(request.NewInputs) is { } tags)
            await AwsCall.RunAsync(() => elb.AddTagsAsync(new AddTagsRequest { ResourceArns = [request.Id], Tags = tags }, cancellationToken)).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in ProviderResults.Outputs(request.NewInputs)) if (k is not ("subnets" or "securityGroups")) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs.Set("tagsAll", request.NewInputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));
    }

    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var elb = AwsConnections.For(request).Elb;
        return AwsCall.DeleteAsync(() => elb.DeleteLoadBalancerAsync(request.Id, cancellationToken), ElbErrorCodes.LoadBalancerNotFound);
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
            && (lb.AvailabilityZones ?? []).Select(z => z.SubnetId).ToHashSet().SetEquals(Props.StringList(inputs, "subnets"))
            && (lb.SecurityGroups ?? []).ToHashSet().SetEquals(Props.StringList(inputs, "securityGroups")));
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Elb, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } lb
            ? new ReadResponse(lb.LoadBalancerArn!, Outputs(request.Inputs, lb), request.Inputs)
            : null;
}

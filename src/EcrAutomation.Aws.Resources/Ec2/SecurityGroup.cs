using System.Collections.Immutable;
using EcrAutomation.Aws.Ec2;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>
/// <c>aws:ec2/securityGroup:SecurityGroup</c> with inline <c>ingress</c>/<c>egress</c> rules. Auto-named; name, description and
/// vpcId replace; rules update in place (revoke the removed, authorize the added). As pulumi-aws does, the allow-all egress
/// rule EC2 adds to a new group is removed so that only the declared rules exist. Id = the group id.
/// </summary>
public sealed class SecurityGroupProvider : IResourceProvider
{
    public const string Type = "aws:ec2/securityGroup:SecurityGroup";

    public Task<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 255);
        if (inputs.GetString("description") is null && !Support.IsUnknown(inputs, "description"))
            inputs = inputs.Set("description", PropertyValue.Of("Managed by Pulumi"));
        var failures = new List<CheckFailure>();
        foreach (var key in new[] { "ingress", "egress" })
        {
            if (!inputs.ContainsKey(key) || Support.IsUnknown(inputs, key)) continue;
            try { inputs = inputs.Set(key, PropertyValue.Of(Props.Maps(inputs, key).Select(Canonical).Distinct().OrderBy(r => r.ToString(), StringComparer.Ordinal).Select(PropertyValue.Of))); }
            catch (FormatException e) { failures.Add(new CheckFailure(key, e.Message)); }
        }
        return Task.FromResult(new CheckResult(inputs, failures));
    }

    /// <summary>A rule with protocol names lower-cased (<c>all</c> → <c>-1</c>), ports numeric and lists sorted.</summary>
    internal static PropertyMap Canonical(PropertyMap rule)
    {
        var protocol = (rule.GetString("protocol") ?? throw new FormatException("every rule needs a protocol (tcp, udp, icmp or -1)")).ToLowerInvariant();
        if (protocol == "all") protocol = "-1";
        var result = PropertyMap.Empty
            .Set("protocol", PropertyValue.Of(protocol))
            .Set("fromPort", PropertyValue.Of(Support.Int(rule, "fromPort") ?? 0))
            .Set("toPort", PropertyValue.Of(Support.Int(rule, "toPort") ?? 0));
        foreach (var key in new[] { "cidrBlocks", "ipv6CidrBlocks", "securityGroups" })
            if (Support.StringList(rule, key) is { Count: > 0 } list) result = result.Set(key, Support.Strings(list.Order(StringComparer.Ordinal)));
        if (rule.GetString("description") is { } d) result = result.Set("description", PropertyValue.Of(d));
        return result;
    }

    private static Ec2IpPermission Permission(PropertyMap rule) => new()
    {
        IpProtocol = rule.GetString("protocol")!,
        FromPort = rule.GetString("protocol") == "-1" ? null : Support.Int(rule, "fromPort"),
        ToPort = rule.GetString("protocol") == "-1" ? null : Support.Int(rule, "toPort"),
        CidrIpv4 = Support.StringList(rule, "cidrBlocks"),
        CidrIpv6 = Support.StringList(rule, "ipv6CidrBlocks"),
        SourceSecurityGroupIds = Support.StringList(rule, "securityGroups"),
    };

    private static PropertyMap Rule(Ec2IpPermission p)
    {
        var map = PropertyMap.Empty
            .Set("protocol", PropertyValue.Of(p.IpProtocol))
            .Set("fromPort", PropertyValue.Of(p.IpProtocol == "-1" ? 0 : p.FromPort ?? 0))
            .Set("toPort", PropertyValue.Of(p.IpProtocol == "-1" ? 0 : p.ToPort ?? 0))
            .Set("cidrBlocks", Support.Strings(p.CidrIpv4))
            .Set("ipv6CidrBlocks", Support.Strings(p.CidrIpv6))
            .Set("securityGroups", Support.Strings(p.SourceSecurityGroupIds));
        return Canonical(map);
    }

    public Task<DiffResult> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "description", "vpcId"], [.. request.IgnoreChanges, "revokeRulesOnDelete"]));

    public async Task<CreateResult> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var inputs = request.Inputs;
        var id = await AwsCall.RunAsync(() => ec2.CreateSecurityGroupAsync(inputs.GetString("name")!, inputs.GetString("description")!,
            inputs.GetString("vpcId"), Props.StringMap(inputs, "tags") is { Count: > 0 } t ? t : null, cancellationToken)).ConfigureAwait(false);
        var group = await AwsCall.RunAsync(() => ec2.FindSecurityGroupAsync(id, cancellationToken)).ConfigureAwait(false);
        if (group?.IpPermissionsEgress is { Count: > 0 } defaults)
            await AwsCall.RunAsync(() => ec2.RevokeSecurityGroupEgressAsync(id, defaults, cancellationToken)).ConfigureAwait(false);
        await ApplyRulesAsync(ec2, id, [], Props.Maps(inputs, "ingress"), ingress: true, cancellationToken).ConfigureAwait(false);
        await ApplyRulesAsync(ec2, id, [], Props.Maps(inputs, "egress"), ingress: false, cancellationToken).ConfigureAwait(false);
        return new CreateResult(id, Outputs(request, inputs, id, group?.VpcId, group?.OwnerId));
    }

    private static async Task ApplyRulesAsync(Ec2Client ec2, string id, IReadOnlyList<PropertyMap> olds, IReadOnlyList<PropertyMap> news, bool ingress, CancellationToken cancellationToken)
    {
        var removed = olds.Except(news).Select(Permission).ToList();
        var added = news.Except(olds).Select(Permission).ToList();
        if (removed.Count > 0)
            await AwsCall.RunAsync(() => ingress ? ec2.RevokeSecurityGroupIngressAsync(id, removed, cancellationToken) : ec2.RevokeSecurityGroupEgressAsync(id, removed, cancellationToken)).ConfigureAwait(false);
        if (added.Count > 0)
            await AwsCall.RunAsync(() => ingress ? ec2.AuthorizeSecurityGroupIngressAsync(id, added, cancellationToken) : ec2.AuthorizeSecurityGroupEgressAsync(id, added, cancellationToken)).ConfigureAwait(false);
    }

    private static PropertyMap Outputs(ProviderRequest request, PropertyMap inputs, string id, string? vpcId, string? ownerId) => Support.Merge(inputs,
        ("arn", PropertyValue.Of($"arn:aws:ec2:{AwsConnections.For(request).Region}:{ownerId}:security-group/{id}")),
        ("vpcId", PropertyValue.Of(vpcId ?? inputs.GetString("vpcId"))),
        ("ownerId", PropertyValue.Of(ownerId)),
        ("ingress", inputs.TryGetValue("ingress", out var i) ? i : PropertyValue.Of([])),
        ("egress", inputs.TryGetValue("egress", out var e) ? e : PropertyValue.Of([])),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));

    public async Task<ReadResult?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var group = await AwsCall.RunAsync(() => ec2.FindSecurityGroupAsync(request.Id, cancellationToken)).ConfigureAwait(false);
        if (group is null) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("name", PropertyValue.Of(group.GroupName))
            .Set("description", PropertyValue.Of(group.Description))
            .Set("vpcId", PropertyValue.Of(group.VpcId))
            .Set("ingress", PropertyValue.Of(group.IpPermissions.Select(Rule).OrderBy(r => r.ToString(), StringComparer.Ordinal).Select(PropertyValue.Of)))
            .Set("egress", PropertyValue.Of(group.IpPermissionsEgress.Select(Rule).OrderBy(r => r.ToString(), StringComparer.Ordinal).Select(PropertyValue.Of)));
        // Rule descriptions are not reported by the client: keep the ones in state.
        if (request.Inputs is { } old)
            foreach (var key in new[] { "ingress", "egress" })
                if (Props.Maps(old, key).Select(r => r.Remove("description")).ToHashSet().SetEquals(Props.Maps(inputs, key)))
                    inputs = inputs.Set(key, old[key]);
        if (group.Tags.Count > 0) inputs = inputs.Set("tags", Props.Map(group.Tags));
        return new ReadResult(group.GroupId, Outputs(request, inputs, group.GroupId, group.VpcId, group.OwnerId), inputs);
    }

    public async Task<UpdateResult> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        await ApplyRulesAsync(ec2, request.Id, Props.Maps(request.OldInputs, "ingress"), Props.Maps(request.NewInputs, "ingress"), ingress: true, cancellationToken).ConfigureAwait(false);
        await ApplyRulesAsync(ec2, request.Id, Props.Maps(request.OldInputs, "egress"), Props.Maps(request.NewInputs, "egress"), ingress: false, cancellationToken).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in Support.Merge(request.NewInputs)) outputs = outputs.Set(k, v);
        return new UpdateResult(outputs);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var time = AwsConnections.For(request).Options.TimeProvider;
        var deadline = time.GetUtcNow() + (request.Timeout ?? TimeSpan.FromMinutes(5));
        while (true)
        {
            try
            {
                await ec2.DeleteSecurityGroupAsync(request.Id, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (AwsServiceException e) when (e.ErrorCode == Ec2ErrorCodes.InvalidGroupNotFound) { return; }
            catch (AwsServiceException e) when (e.ErrorCode == Ec2ErrorCodes.DependencyViolation && time.GetUtcNow() < deadline)
            {
                // Network interfaces of stopped Fargate tasks or a deleted load balancer take a while to go away.
                request.Log.Info($"security group {request.Id} is still in use ({e.ErrorMessage}); retrying");
                await Task.Delay(TimeSpan.FromSeconds(5), time, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (e.ErrorCode == Ec2ErrorCodes.DependencyViolation)
            {
                throw new ResourceProviderException($"security group {request.Id} is still in use: {e.ErrorMessage} ({e.ErrorCode}). Delete what uses it (load balancers, tasks, network interfaces) and retry.", e);
            }
            catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        }
    }
}

/// <summary>A rule of <see cref="SecurityGroupArgs.Ingress"/> or <see cref="SecurityGroupArgs.Egress"/>.</summary>
public sealed class SecurityGroupRuleArgs : ResourceArgs
{
    /// <summary><c>tcp</c>, <c>udp</c>, <c>icmp</c> or <c>-1</c> (all).</summary>
    [Input("protocol", required: true)] public Input<string>? Protocol { get; set; }
    [Input("fromPort")] public Input<int>? FromPort { get; set; }
    [Input("toPort")] public Input<int>? ToPort { get; set; }
    [Input("cidrBlocks")] public InputList<string>? CidrBlocks { get; set; }
    [Input("ipv6CidrBlocks")] public InputList<string>? Ipv6CidrBlocks { get; set; }
    [Input("securityGroups")] public InputList<string>? SecurityGroups { get; set; }
    [Input("description")] public Input<string>? Description { get; set; }
}

/// <summary>Inputs of <see cref="SecurityGroup"/>.</summary>
public sealed class SecurityGroupArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("description")] public Input<string>? Description { get; set; }
    [Input("vpcId")] public Input<string>? VpcId { get; set; }
    [Input("ingress")] public InputList<SecurityGroupRuleArgs>? Ingress { get; set; }
    [Input("egress")] public InputList<SecurityGroupRuleArgs>? Egress { get; set; }
    [Input("revokeRulesOnDelete")] public Input<bool>? RevokeRulesOnDelete { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>An EC2 security group (<c>aws:ec2/securityGroup:SecurityGroup</c>).</summary>
public sealed class SecurityGroup : CustomResource
{
    public SecurityGroup(string name, SecurityGroupArgs? args = null, CustomResourceOptions? options = null)
        : base(SecurityGroupProvider.Type, name, args ?? new SecurityGroupArgs(), options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("name")] public Output<string> GroupName { get; private set; } = null!;
    [Output("vpcId")] public Output<string> VpcId { get; private set; } = null!;
    [Output("ownerId")] public Output<string> OwnerId { get; private set; } = null!;
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

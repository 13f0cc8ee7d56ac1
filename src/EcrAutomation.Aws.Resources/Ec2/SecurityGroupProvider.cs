using EcrAutomation.Aws.Ec2;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>
/// <c>aws:ec2/securityGroup:SecurityGroup</c> with inline <c>ingress</c>/<c>egress</c> rules. Auto-named; name, description and
/// vpcId replace; rules update in place (revoke the removed, authorize the added). As pulumi-aws does, the allow-all egress
/// rule EC2 adds to a new group is removed so that only the declared rules exist, and an unset <c>ingress</c> or
/// <c>egress</c> is not managed (so <c>aws:ec2/securityGroupRule</c> resources can hold the rules without a perpetual diff).
/// <c>revokeRulesOnDelete</c> revokes the group's rules before the delete. Id = the group id.
/// </summary>
internal sealed class SecurityGroupProvider : IResourceProvider
{
    public const string Type = "aws:ec2/securityGroup:SecurityGroup";

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 255);
        if (inputs.GetString("description") is null && !Props.IsUnknown(inputs, "description"))
            inputs = inputs.Set("description", PropertyValue.Of("Managed by Pulumi"));
        var failures = new List<CheckFailure>();
        foreach (var key in new[] { "ingress", "egress" })
        {
            if (!inputs.ContainsKey(key) || Props.IsUnknown(inputs, key)) continue;
            try { inputs = inputs.Set(key, PropertyValue.Of(Props.Maps(inputs, key).Select(Canonical).Distinct().OrderBy(r => r.ToString(), StringComparer.Ordinal).Select(PropertyValue.Of))); }
            catch (FormatException e) { failures.Add(new CheckFailure(key, e.Message)); }
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    /// <summary>A rule with protocol names lower-cased (<c>all</c> → <c>-1</c>), ports numeric and lists sorted.</summary>
    internal static PropertyMap Canonical(PropertyMap rule)
    {
        var protocol = (rule.GetString("protocol") ?? throw new FormatException("every rule needs a protocol (tcp, udp, icmp or -1)")).ToLowerInvariant();
        if (protocol == "all") protocol = "-1";
        var result = PropertyMap.Empty
            .Set("protocol", PropertyValue.Of(protocol))
            .Set("fromPort", PropertyValue.Of(Props.Int(rule, "fromPort") ?? 0))
            .Set("toPort", PropertyValue.Of(Props.Int(rule, "toPort") ?? 0));
        foreach (var key in new[] { "cidrBlocks", "ipv6CidrBlocks", "securityGroups" })
            if (Props.StringList(rule, key) is { Count: > 0 } list) result = result.Set(key, Props.Strings(list.Order(StringComparer.Ordinal)));
        if (rule.GetString("description") is { } d) result = result.Set("description", PropertyValue.Of(d));
        return result;
    }

    private static Ec2IpPermission Permission(PropertyMap rule) => new()
    {
        IpProtocol = rule.GetString("protocol")!,
        FromPort = rule.GetString("protocol") == "-1" ? null : Props.Int(rule, "fromPort"),
        ToPort = rule.GetString("protocol") == "-1" ? null : Props.Int(rule, "toPort"),
        CidrIpv4 = Props.StringList(rule, "cidrBlocks"),
        CidrIpv6 = Props.StringList(rule, "ipv6CidrBlocks"),
        SourceSecurityGroupIds = Props.StringList(rule, "securityGroups"),
    };

    private static PropertyMap Rule(Ec2IpPermission p)
    {
        var map = PropertyMap.Empty
            .Set("protocol", PropertyValue.Of(p.IpProtocol))
            .Set("fromPort", PropertyValue.Of(p.IpProtocol == "-1" ? 0 : p.FromPort ?? 0))
            .Set("toPort", PropertyValue.Of(p.IpProtocol == "-1" ? 0 : p.ToPort ?? 0))
            .Set("cidrBlocks", Props.Strings(p.CidrIpv4))
            .Set("ipv6CidrBlocks", Props.Strings(p.CidrIpv6))
            .Set("securityGroups", Props.Strings(p.SourceSecurityGroupIds));
        return Canonical(map);
    }

    /// <summary>The rule lists the program gives (<see cref="RuleKeys"/> that are set): only those are managed.</summary>
    private static IEnumerable<string> Managed(PropertyMap inputs) => RuleKeys.Where(inputs.ContainsKey);

    private static readonly string[] RuleKeys = ["ingress", "egress"];

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "description", "vpcId"],
            [.. request.IgnoreChanges, "revokeRulesOnDelete", .. RuleKeys.Except(Managed(request.NewInputs))]));

    /// <summary>
    /// Creates the group, then replaces EC2's default egress rule with the declared rules. Each step is recorded as it
    /// succeeds: if a later call fails, the group is reported with the rules it has (a partial create), so the next update
    /// applies the rest instead of creating a second group.
    /// </summary>
    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var inputs = request.Inputs;
        var name = inputs.GetString("name")!;
        var group = await Adoption.CreateOrAdoptAsync(request, $"security group {name}", async () =>
        {
            var id = await ec2.CreateSecurityGroupAsync(name, inputs.GetString("description")!,
                inputs.GetString("vpcId"), Props.StringMap(inputs, "tags") is { Count: > 0 } t ? t : null, cancellationToken).ConfigureAwait(false);
            return await ec2.FindSecurityGroupAsync(id, cancellationToken).ConfigureAwait(false) ?? new Ec2SecurityGroup { GroupId = id };
        }, () => FindOursAsync(ec2, inputs, cancellationToken)).ConfigureAwait(false);
        var has = WithLiveRules(inputs, group);
        try
        {
            foreach (var key in new[] { "ingress", "egress" })
            {
                await ApplyRulesAsync(ec2, group.GroupId, Props.Maps(has, key), Props.Maps(inputs, key), ingress: key == "ingress", cancellationToken).ConfigureAwait(false);
                has = has.Set(key, inputs.TryGetValue(key, out var rules) ? rules : PropertyValue.Of([]));
            }
        }
        catch (ResourceProviderException e)
        {
            throw new ResourceInitializationException(group.GroupId, has, Outputs(request, has, group.GroupId, group.VpcId, group.OwnerId),
                $"created security group {group.GroupId}, but setting its rules failed: {e.Message}", e.InnerException);
        }
        return new CreateResponse(group.GroupId, Outputs(request, inputs, group.GroupId, group.VpcId, group.OwnerId));
    }

    /// <summary>The group named in <paramref name="inputs"/> (in their VPC), if its description and tags are the ones they ask for.</summary>
    private static async Task<Ec2SecurityGroup?> FindOursAsync(Ec2Client ec2, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name) return null;
        var groups = await ec2.DescribeSecurityGroupsAsync(vpcId: inputs.GetString("vpcId"), groupNames: [name], cancellationToken: cancellationToken).ConfigureAwait(false);
        var tags = Props.StringMap(inputs, "tags");
        return groups.SingleOrDefault(g => g.GroupName == name && g.Description == inputs.GetString("description")
            && g.Tags.Count == tags.Count && tags.All(t => g.Tags.TryGetValue(t.Key, out var v) && v == t.Value));
    }

    /// <summary>The inputs with the rules the group has now (declared rules keep their descriptions, which EC2 does not report here).</summary>
    private static PropertyMap WithLiveRules(PropertyMap inputs, Ec2SecurityGroup group)
    {
        foreach (var (key, live) in new[] { ("ingress", group.IpPermissions), ("egress", group.IpPermissionsEgress) })
        {
            var declared = Props.Maps(inputs, key);
            var rules = live.Select(Rule).Select(r => declared.FirstOrDefault(d => d.Remove("description").Equals(r)) ?? r)
                .OrderBy(r => r.ToString(), StringComparer.Ordinal).Select(PropertyValue.Of);
            inputs = inputs.Set(key, PropertyValue.Of(rules));
        }
        return inputs;
    }

    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        if (await AwsCall.RunAsync(() => FindOursAsync(AwsConnections.For(request).Ec2, request.Inputs, cancellationToken)).ConfigureAwait(false) is not { } group) return null;
        var has = WithLiveRules(request.Inputs, group);
        return new ReadResponse(group.GroupId, Outputs(request, has, group.GroupId, group.VpcId, group.OwnerId), has);
    }

    /// <summary>
    /// Revokes the removed rules and authorizes the added ones. A resend after a lost response meets rules already
    /// authorized (or already revoked); then each rule is applied on its own, and those already in place are skipped.
    /// </summary>
    private static async Task ApplyRulesAsync(Ec2Client ec2, string id, IReadOnlyList<PropertyMap> olds, IReadOnlyList<PropertyMap> news, bool ingress, CancellationToken cancellationToken)
    {
        var removed = olds.Select(r => r.Remove("description")).Except(news.Select(r => r.Remove("description"))).Select(Permission).ToList();
        var added = news.Where(n => !olds.Any(o => o.Remove("description").Equals(n.Remove("description")))).Select(Permission).ToList();
        await EachOrAllAsync(removed, p => ingress ? ec2.RevokeSecurityGroupIngressAsync(id, p, cancellationToken) : ec2.RevokeSecurityGroupEgressAsync(id, p, cancellationToken),
            Ec2ErrorCodes.InvalidPermissionNotFound).ConfigureAwait(false);
        await EachOrAllAsync(added, p => ingress ? ec2.AuthorizeSecurityGroupIngressAsync(id, p, cancellationToken) : ec2.AuthorizeSecurityGroupEgressAsync(id, p, cancellationToken),
            Ec2ErrorCodes.InvalidPermissionDuplicate).ConfigureAwait(false);
    }

    private static async Task EachOrAllAsync(IReadOnlyList<Ec2IpPermission> permissions, Func<IReadOnlyList<Ec2IpPermission>, Task> call, params string[] alreadyDone)
    {
        if (permissions.Count == 0) return;
        try
        {
            try { await call(permissions).ConfigureAwait(false); }
            catch (AwsServiceException e) when (alreadyDone.Contains(e.ErrorCode))
            {
                foreach (var permission in permissions)
                {
                    try { await call([permission]).ConfigureAwait(false); }
                    catch (AwsServiceException one) when (alreadyDone.Contains(one.ErrorCode)) { }
                }
            }
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
    }

    private static PropertyMap Outputs(ProviderRequest request, PropertyMap inputs, string id, string? vpcId, string? ownerId) => ProviderResults.Outputs(inputs,
        ("arn", PropertyValue.Of($"arn:aws:ec2:{AwsConnections.For(request).Region}:{ownerId}:security-group/{id}")),
        ("vpcId", PropertyValue.Of(vpcId ?? inputs.GetString("vpcId"))),
        ("ownerId", PropertyValue.Of(ownerId)),
        ("ingress", inputs.TryGetValue("ingress", out var i) ? i : PropertyValue.Of([])),
        ("egress", inputs.TryGetValue("egress", out var e) ? e : PropertyValue.Of([])),
        ("tagsAll", inputs.TryGetValue("tags", out var t) ? t : PropertyValue.Of(PropertyMap.Empty)));

    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var group = await AwsCall.RunAsync(() => ec2.FindSecurityGroupAsync(request.Id, cancellationToken)).ConfigureAwait(false);
        if (group is null) return null;
        var inputs = (request.Inputs ?? PropertyMap.Empty)
            .Set("name", PropertyValue.Of(group.GroupName))
            .Set("description", PropertyValue.Of(group.Description));
        // An unset vpcId means the default VPC: a refresh does not add it (an import records it).
        if (request.Inputs is null || request.Inputs.ContainsKey("vpcId")) inputs = inputs.Set("vpcId", PropertyValue.Of(group.VpcId));
        // An import reads every rule; a refresh only the lists the program manages.
        foreach (var (key, live) in new[] { ("ingress", group.IpPermissions), ("egress", group.IpPermissionsEgress) })
        {
            if (request.Inputs is { } managed && !managed.ContainsKey(key)) continue;
            inputs = inputs.Set(key, PropertyValue.Of(live.Select(Rule).OrderBy(r => r.ToString(), StringComparer.Ordinal).Select(PropertyValue.Of)));
            // Inline rule descriptions are not compared: keep the ones in state.
            if (request.Inputs is { } old && Props.Maps(old, key).Select(r => r.Remove("description")).ToHashSet().SetEquals(Props.Maps(inputs, key)))
                inputs = inputs.Set(key, old[key]);
        }
        if (group.Tags.Count > 0) inputs = inputs.Set("tags", Props.Map(group.Tags));
        return new ReadResponse(group.GroupId, Outputs(request, inputs, group.GroupId, group.VpcId, group.OwnerId), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        foreach (var key in Managed(request.NewInputs))
            await ApplyRulesAsync(ec2, request.Id, Props.Maps(request.OldInputs, key), Props.Maps(request.NewInputs, key), ingress: key == "ingress", cancellationToken).ConfigureAwait(false);
        var outputs = request.OldOutputs;
        foreach (var (k, v) in ProviderResults.Outputs(request.NewInputs)) outputs = outputs.Set(k, v);
        return new UpdateResponse(outputs);
    }

    /// <summary>Revokes every rule the group has now (its own and ones added outside the program), so groups that reference each other can be deleted.</summary>
    private static async Task RevokeAllRulesAsync(Ec2Client ec2, string id, CancellationToken cancellationToken)
    {
        if (await AwsCall.RunAsync(() => ec2.FindSecurityGroupAsync(id, cancellationToken)).ConfigureAwait(false) is not { } group) return;
        // A rule naming a group deleted meanwhile (moto keeps such rules) answers InvalidGroup.NotFound: it is moot.
        await EachOrAllAsync(group.IpPermissions, p => ec2.RevokeSecurityGroupIngressAsync(id, p, cancellationToken), Ec2ErrorCodes.InvalidPermissionNotFound, Ec2ErrorCodes.InvalidGroupNotFound).ConfigureAwait(false);
        await EachOrAllAsync(group.IpPermissionsEgress, p => ec2.RevokeSecurityGroupEgressAsync(id, p, cancellationToken), Ec2ErrorCodes.InvalidPermissionNotFound, Ec2ErrorCodes.InvalidGroupNotFound).ConfigureAwait(false);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var time = AwsConnections.For(request).Options.TimeProvider;
        var deadline = time.GetUtcNow() + (request.Timeout ?? TimeSpan.FromMinutes(5));
        if (request.Inputs.GetBool("revokeRulesOnDelete") == true) await RevokeAllRulesAsync(ec2, request.Id, cancellationToken).ConfigureAwait(false);
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

using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Aws.Ec2;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ec2;

/// <summary>
/// <c>aws:ec2/securityGroupRule:SecurityGroupRule</c>: one ingress or egress rule of a group. Every input but the description
/// replaces (as pulumi-aws); the description changes in place. Read finds the rule among the group's permissions (all its
/// sources present), so a rule revoked outside the program is gone on refresh. Id = <c>sgrule-&lt;number&gt;</c>, a hash of
/// the rule; import takes pulumi-aws's <c>&lt;groupId&gt;_&lt;type&gt;_&lt;protocol&gt;_&lt;from&gt;_&lt;to&gt;_&lt;source&gt;[_&lt;source&gt;...]</c>
/// (a source is a CIDR, a group id or <c>self</c>).
/// </summary>
internal sealed class SecurityGroupRuleProvider : IResourceProvider
{
    public const string Type = "aws:ec2/securityGroupRule:SecurityGroupRule";

    private static readonly string[] Sources = ["cidrBlocks", "ipv6CidrBlocks", "sourceSecurityGroupId", "self"];

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.NewInputs;
        var failures = new List<CheckFailure>();
        if (inputs.GetString("type") is { } type && type is not ("ingress" or "egress"))
            failures.Add(new CheckFailure("type", $"type must be ingress or egress, not '{type}'."));
        foreach (var required in (string[])["type", "securityGroupId", "protocol", "fromPort", "toPort"])
            if (!inputs.TryGetValue(required, out var v) || v.IsNull) failures.Add(new CheckFailure(required, $"{required} is required."));
        if (inputs.GetString("protocol") is { } given)
        {
            var protocol = NormalizeProtocol(given);
            inputs = inputs.Set("protocol", PropertyValue.Of(protocol));
            if (protocol == "-1" && (Props.Int(inputs, "fromPort") is not (0 or null) || Props.Int(inputs, "toPort") is not (0 or null)))
                failures.Add(new CheckFailure("fromPort", $"fromPort ({Props.Int(inputs, "fromPort")}) and toPort ({Props.Int(inputs, "toPort")}) must both be 0 to use the all-protocols (-1) protocol."));
        }
        foreach (var key in (string[])["cidrBlocks", "ipv6CidrBlocks"])
            if (!Props.IsUnknown(inputs, key) && Props.StringList(inputs, key) is { Count: > 0 } list) inputs = inputs.Set(key, Props.Strings(list.Order(StringComparer.Ordinal)));
        if (!Sources.Any(k => Props.IsUnknown(inputs, k)))
        {
            var cidrs = Props.StringList(inputs, "cidrBlocks").Count + Props.StringList(inputs, "ipv6CidrBlocks").Count > 0;
            var group = inputs.GetString("sourceSecurityGroupId") is not null;
            var self = inputs.GetBool("self") == true;
            if (!cidrs && !group && !self)
                failures.Add(new CheckFailure("cidrBlocks", "One of cidrBlocks, ipv6CidrBlocks, self or sourceSecurityGroupId must be set: the rule needs a source (ingress) or destination (egress)."));
            else if ((cidrs ? 1 : 0) + (group ? 1 : 0) + (self ? 1 : 0) > 1)
                failures.Add(new CheckFailure("sourceSecurityGroupId", "cidrBlocks/ipv6CidrBlocks, self and sourceSecurityGroupId conflict: give one of them (use one rule per kind of source)."));
        }
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    /// <summary>Protocol as EC2 reports it: names for TCP, UDP, ICMP and ICMPv6, <c>-1</c> for all.</summary>
    internal static string NormalizeProtocol(string protocol) => protocol.ToLowerInvariant() switch
    {
        "all" or "-1" => "-1",
        "6" => "tcp",
        "17" => "udp",
        "1" => "icmp",
        "58" => "icmpv6",
        var other => other,
    };

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs,
            ["type", "securityGroupId", "protocol", "fromPort", "toPort", .. Sources], request.IgnoreChanges));

    /// <summary>
    /// Authorizes the rule. A rule the group has already is refused (another rule resource, the group's inline rules or a
    /// change outside the program made it), checked before the call; a duplicate the call itself meets after that check can
    /// only be this create's own earlier attempt (resent after a lost response), so it is adopted.
    /// </summary>
    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var inputs = request.Inputs;
        var (group, ingress) = (inputs.GetString("securityGroupId")!, inputs.GetString("type") == "ingress");
        if (await AwsCall.RunAsync(() => FindAsync(ec2, inputs, cancellationToken)).ConfigureAwait(false) is not null)
            throw Duplicate(inputs, "it is there before this create");
        var permission = Permission(inputs, withDescription: true);
        try
        {
            await (ingress ? ec2.AuthorizeSecurityGroupIngressAsync(group, [permission], cancellationToken) : ec2.AuthorizeSecurityGroupEgressAsync(group, [permission], cancellationToken)).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == Ec2ErrorCodes.InvalidPermissionDuplicate)
        {
            if (await AwsCall.RunAsync(() => FindAsync(ec2, inputs, cancellationToken)).ConfigureAwait(false) is null) throw Duplicate(inputs, e.ErrorMessage);
            request.Log.Info($"adopted the {inputs.GetString("type")} rule of security group {group} that an earlier attempt of this create made (its response was lost)");
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        return new CreateResponse(Id(inputs), Outputs(inputs));
    }

    private static ResourceProviderException Duplicate(PropertyMap inputs, string detail) => new(
        $"security group {inputs.GetString("securityGroupId")} already has this {inputs.GetString("type")} rule ({Describe(inputs)}): {detail}. Another rule resource, " +
        "the group's inline ingress/egress, or a change outside the program made it; remove the duplicate (a group with separate rule resources should leave " +
        "its inline ingress/egress unset), or import the rule.");

    /// <summary>A create whose result was never recorded is adopted when the group has exactly this rule.</summary>
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        await AwsCall.RunAsync(() => FindAsync(AwsConnections.For(request).Ec2, request.Inputs, cancellationToken)).ConfigureAwait(false) is { } live
            ? new ReadResponse(Id(live), Outputs(live), live)
            : null;

    /// <summary>Refresh, or import from pulumi-aws's import id (no inputs yet).</summary>
    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = request.Inputs ?? ParseImportId(request.Id);
        var live = await AwsCall.RunAsync(() => FindAsync(AwsConnections.For(request).Ec2, inputs, cancellationToken)).ConfigureAwait(false);
        return live is null ? null : new ReadResponse(Id(live), Outputs(live), live);
    }

    /// <summary>The inputs with the live description when the group has every source of the rule, else null (the rule is gone).</summary>
    private static async Task<PropertyMap?> FindAsync(Ec2Client ec2, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("securityGroupId") is not { } groupId || await ec2.FindSecurityGroupAsync(groupId, cancellationToken).ConfigureAwait(false) is not { } group) return null;
        var wanted = Permission(inputs, withDescription: false);
        var matching = (inputs.GetString("type") == "ingress" ? group.IpPermissions : group.IpPermissionsEgress)
            .Where(p => NormalizeProtocol(p.IpProtocol) == wanted.IpProtocol && (wanted.IpProtocol == "-1" || (p.FromPort == wanted.FromPort && p.ToPort == wanted.ToPort)))
            .ToList();
        var all = wanted.CidrIpv4.All(c => matching.Any(p => p.CidrIpv4.Contains(c)))
            && wanted.CidrIpv6.All(c => matching.Any(p => p.CidrIpv6.Contains(c)))
            && wanted.SourceSecurityGroupIds.All(g => matching.Any(p => p.SourceSecurityGroupIds.Contains(g)));
        if (!all) return null;
        var description = matching.Select(p => p.Description).FirstOrDefault(d => d is not null);
        return description is not null || inputs.ContainsKey("description") ? inputs.Set("description", Props.Str(description)) : inputs;
    }

    /// <summary>Only the description changes in place (every other input replaces).</summary>
    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var inputs = request.NewInputs;
        var group = inputs.GetString("securityGroupId")!;
        var permission = Permission(inputs, withDescription: true) with { Description = inputs.GetString("description") ?? "" };
        await AwsCall.RunAsync(() => inputs.GetString("type") == "ingress"
            ? ec2.UpdateSecurityGroupRuleDescriptionsIngressAsync(group, [permission], cancellationToken)
            : ec2.UpdateSecurityGroupRuleDescriptionsEgressAsync(group, [permission], cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(inputs));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var ec2 = AwsConnections.For(request).Ec2;
        var inputs = request.Inputs;
        var group = inputs.GetString("securityGroupId")!;
        // The rule as recorded, description included, as pulumi-aws sends it (EC2 matches on the rest).
        var permission = Permission(inputs, withDescription: true);
        await AwsCall.DeleteAsync(() => inputs.GetString("type") == "ingress"
            ? ec2.RevokeSecurityGroupIngressAsync(group, [permission], cancellationToken)
            : ec2.RevokeSecurityGroupEgressAsync(group, [permission], cancellationToken),
            Ec2ErrorCodes.InvalidPermissionNotFound, Ec2ErrorCodes.InvalidGroupNotFound).ConfigureAwait(false);
    }

    private static Ec2IpPermission Permission(PropertyMap inputs, bool withDescription)
    {
        var protocol = NormalizeProtocol(inputs.GetString("protocol")!);
        var source = inputs.GetBool("self") == true ? inputs.GetString("securityGroupId") : inputs.GetString("sourceSecurityGroupId");
        return new Ec2IpPermission
        {
            IpProtocol = protocol,
            FromPort = protocol == "-1" ? null : Props.Int(inputs, "fromPort"),
            ToPort = protocol == "-1" ? null : Props.Int(inputs, "toPort"),
            CidrIpv4 = Props.StringList(inputs, "cidrBlocks"),
            CidrIpv6 = Props.StringList(inputs, "ipv6CidrBlocks"),
            SourceSecurityGroupIds = source is null ? [] : [source],
            Description = withDescription ? inputs.GetString("description") : null,
        };
    }

    /// <summary><c>sgrule-</c> plus a number derived from what identifies the rule (group, direction, protocol, ports, sources).</summary>
    internal static string Id(PropertyMap inputs)
    {
        var key = string.Join("-",
            inputs.GetString("securityGroupId"), inputs.GetString("type"), NormalizeProtocol(inputs.GetString("protocol")!),
            Props.Int(inputs, "fromPort") ?? 0, Props.Int(inputs, "toPort") ?? 0,
            string.Join(",", Props.StringList(inputs, "cidrBlocks")), string.Join(",", Props.StringList(inputs, "ipv6CidrBlocks")),
            inputs.GetBool("self") == true ? "self" : inputs.GetString("sourceSecurityGroupId"));
        var hash = BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return "sgrule-" + hash.ToString(CultureInfo.InvariantCulture);
    }

    private static string Describe(PropertyMap inputs) =>
        $"{NormalizeProtocol(inputs.GetString("protocol")!)} {Props.Int(inputs, "fromPort")}-{Props.Int(inputs, "toPort")} " +
        (inputs.GetBool("self") == true ? "self" : inputs.GetString("sourceSecurityGroupId")
            ?? string.Join(",", Props.StringList(inputs, "cidrBlocks").Concat(Props.StringList(inputs, "ipv6CidrBlocks"))));

    /// <summary>pulumi-aws's import id: <c>sg-1_ingress_tcp_80_80_10.0.0.0/8_::/0</c>, <c>sg-1_egress_all_0_0_sg-2</c>, <c>sg-1_ingress_tcp_443_443_self</c>.</summary>
    internal static PropertyMap ParseImportId(string id)
    {
        var parts = id.Split('_');
        if (parts.Length < 6 || !parts[0].StartsWith("sg-", StringComparison.Ordinal) || parts[1] is not ("ingress" or "egress")
            || !int.TryParse(parts[3], CultureInfo.InvariantCulture, out var from) || !int.TryParse(parts[4], CultureInfo.InvariantCulture, out var to))
            throw new ResourceProviderException(
                $"'{id}' is not a security group rule import id: expected <groupId>_<ingress|egress>_<protocol>_<fromPort>_<toPort>_<source>[_<source>...], " +
                "a source being a CIDR block, a security group id or 'self' (e.g. sg-0123_ingress_tcp_443_443_10.0.0.0/8).");
        var sources = parts[5..];
        var inputs = PropertyMap.Empty
            .Set("securityGroupId", PropertyValue.Of(parts[0])).Set("type", PropertyValue.Of(parts[1]))
            .Set("protocol", PropertyValue.Of(NormalizeProtocol(parts[2])))
            .Set("fromPort", PropertyValue.Of(from)).Set("toPort", PropertyValue.Of(to));
        if (sources.Contains("self")) inputs = inputs.Set("self", PropertyValue.Of(true));
        if (sources.FirstOrDefault(s => s.StartsWith("sg-", StringComparison.Ordinal)) is { } group) inputs = inputs.Set("sourceSecurityGroupId", PropertyValue.Of(group));
        if (sources.Where(s => s.Contains('/') && !s.Contains(':')).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } v4) inputs = inputs.Set("cidrBlocks", Props.Strings(v4));
        if (sources.Where(s => s.Contains(':')).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } v6) inputs = inputs.Set("ipv6CidrBlocks", Props.Strings(v6));
        return inputs;
    }

    private static PropertyMap Outputs(PropertyMap inputs) => ProviderResults.Outputs(inputs,
        ("sourceSecurityGroupId", Props.Str(inputs.GetBool("self") == true ? inputs.GetString("securityGroupId") : inputs.GetString("sourceSecurityGroupId"))));
}

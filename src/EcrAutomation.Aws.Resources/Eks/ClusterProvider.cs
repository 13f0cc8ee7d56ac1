using System.Text.RegularExpressions;
using EcrAutomation.Aws.Eks;
using EcrAutomation.Aws.Http;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// <c>aws:eks/cluster:Cluster</c>: auto-named; name, role, networking, tags, access config and bootstrapSelfManagedAddons
/// replace; a version change upgrades in place (UpdateClusterVersion, waited for). Create and delete wait (CREATING to ACTIVE; until gone). Id = the name.
/// </summary>
internal sealed partial class ClusterProvider(AwsProviderOptions? options = null) : IResourceProvider
{
    public const string Type = "aws:eks/cluster:Cluster";

    private readonly AwsWaiterOptions _waiting = Waiting(options);

    public Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default)
    {
        var inputs = AutoNaming.Apply(request, "name", 100);
        var failures = new List<CheckFailure>();
        if (CheckName(inputs.GetString("name"), "name", 100) is { } nameFailure) failures.Add(nameFailure);
        if (!inputs.TryGetValue("roleArn", out var role) || role.IsNull) failures.Add(new CheckFailure("roleArn", "roleArn is required: the IAM role EKS assumes for the control plane."));
        var vpc = Props.Object(inputs, "vpcConfig");
        if (vpc is null) failures.Add(new CheckFailure("vpcConfig", "vpcConfig is required: give the cluster's subnetIds."));
        else if (!Props.IsUnknown(vpc, "subnetIds") && Props.StringList(vpc, "subnetIds").Count < 2)
            failures.Add(new CheckFailure("vpcConfig.subnetIds", "Subnets specified must be in at least two different AZs"));
        if (Props.Object(inputs, "accessConfig")?.GetString("authenticationMode") is { } mode && mode is not ("CONFIG_MAP" or "API_AND_CONFIG_MAP" or "API"))
            failures.Add(new CheckFailure("accessConfig.authenticationMode", $"authenticationMode must be CONFIG_MAP, API_AND_CONFIG_MAP or API, not '{mode}'."));
        return Task.FromResult(new CheckResponse(inputs, failures));
    }

    /// <summary>EKS's rule for cluster and node group names, with its message.</summary>
    internal static CheckFailure? CheckName(string? name, string member, int maxLength) =>
        name is not null && (name.Length > maxLength || !NamePattern().IsMatch(name))
            ? new CheckFailure(member, $"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9A-Za-z][A-Za-z0-9\\-_]*$ and have length less than or equal to {maxLength}")
            : null;

    [GeneratedRegex(@"^[0-9A-Za-z][A-Za-z0-9\-_]*$")]
    private static partial Regex NamePattern();

    public Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(ProviderDiff.Compare(request.OldInputs, request.NewInputs, ["name", "roleArn", "vpcConfig", "tags", "accessConfig", "bootstrapSelfManagedAddons"], request.IgnoreChanges));

    public async Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var inputs = request.Inputs;
        var name = inputs.GetString("name")!;
        var vpc = Props.Object(inputs, "vpcConfig")!;
        await Adoption.CreateOrAdoptAsync(request, $"EKS cluster {name}",
            () => eks.CreateClusterAsync(new CreateEksClusterRequest
            {
                Name = name,
                RoleArn = inputs.GetString("roleArn")!,
                Version = inputs.GetString("version"),
                ResourcesVpcConfig = new VpcConfigRequest
                {
                    SubnetIds = Props.StringList(vpc, "subnetIds"),
                    SecurityGroupIds = Props.StringList(vpc, "securityGroupIds") is { Count: > 0 } groups ? groups : null,
                    EndpointPublicAccess = vpc.GetBool("endpointPublicAccess"),
                    EndpointPrivateAccess = vpc.GetBool("endpointPrivateAccess"),
                    PublicAccessCidrs = Props.StringList(vpc, "publicAccessCidrs") is { Count: > 0 } cidrs ? cidrs : null,
                },
                Tags = Props.StringMap(inputs, "tags") is { Count: > 0 } tags ? tags : null,
                AccessConfig = Props.Object(inputs, "accessConfig") is { } access
                    ? new CreateAccessConfigRequest
                    {
                        AuthenticationMode = access.GetString("authenticationMode"),
                        BootstrapClusterCreatorAdminPermissions = access.GetBool("bootstrapClusterCreatorAdminPermissions"),
                    }
                    : null,
                BootstrapSelfManagedAddons = inputs.GetBool("bootstrapSelfManagedAddons"),
            }, cancellationToken),
            async () => await FindOursAsync(eks, inputs, cancellationToken).ConfigureAwait(false) is { } ours ? new EksClusterResponse { Cluster = ours } : null).ConfigureAwait(false);
        var cluster = await AwsCall.RunAsync(() => eks.WaitForClusterActiveAsync(name, _waiting, cancellationToken)).ConfigureAwait(false);
        return new CreateResponse(name, Outputs(inputs, cluster));
    }

    /// <summary>An interrupted create left the cluster of the chosen name: adopted when its role, subnets and tags are the ones the inputs ask for.</summary>
    public async Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        if (await AwsCall.RunAsync(() => FindOursAsync(eks, request.Inputs, cancellationToken)).ConfigureAwait(false) is not { } cluster) return null;
        cluster = await AwsCall.RunAsync(() => eks.WaitForClusterActiveAsync(cluster.Name!, _waiting, cancellationToken)).ConfigureAwait(false);
        return new ReadResponse(cluster.Name!, Outputs(request.Inputs, cluster), request.Inputs);
    }

    private static async Task<EksCluster?> FindOursAsync(EksClient eks, PropertyMap inputs, CancellationToken cancellationToken)
    {
        if (inputs.GetString("name") is not { } name || await eks.FindClusterAsync(name, cancellationToken).ConfigureAwait(false) is not { } cluster) return null;
        var vpc = Props.Object(inputs, "vpcConfig") ?? PropertyMap.Empty;
        return cluster.RoleArn == inputs.GetString("roleArn")
            && (cluster.ResourcesVpcConfig?.SubnetIds ?? []).Order().SequenceEqual(Props.StringList(vpc, "subnetIds").Order())
            && SameTags(cluster.Tags, Props.StringMap(inputs, "tags"))
            && cluster.Status is not ("DELETING" or "FAILED")
            ? cluster : null;
    }

    internal static bool SameTags(IReadOnlyDictionary<string, string>? actual, IReadOnlyDictionary<string, string> wanted) =>
        (actual ?? new Dictionary<string, string>()).Count == wanted.Count && wanted.All(t => actual!.TryGetValue(t.Key, out var v) && v == t.Value);

    /// <summary>EKS's waits: polled at the provider's service poll interval, up to 30 minutes (pulumi-aws's create timeout).</summary>
    internal static AwsWaiterOptions Waiting(AwsProviderOptions? options) =>
        new() { Interval = (options ?? new AwsProviderOptions()).ServicePollInterval, Timeout = TimeSpan.FromMinutes(30) };

    private static PropertyMap Outputs(PropertyMap inputs, EksCluster cluster)
    {
        var vpc = cluster.ResourcesVpcConfig;
        return ProviderResults.Outputs(inputs,
            ("arn", Props.Str(cluster.Arn)),
            ("endpoint", Props.Str(cluster.Endpoint)),
            ("certificateAuthority", PropertyValue.Of(PropertyMap.Empty.Set("data", Props.Str(cluster.CertificateAuthority?.Data)))),
            ("status", Props.Str(cluster.Status)),
            ("version", Props.Str(cluster.Version)),
            ("platformVersion", Props.Str(cluster.PlatformVersion)),
            ("vpcConfig", PropertyValue.Of(PropertyMap.Empty
                .Set("subnetIds", Props.Strings(vpc?.SubnetIds))
                .Set("securityGroupIds", Props.Strings(vpc?.SecurityGroupIds))
                .Set("clusterSecurityGroupId", Props.Str(vpc?.ClusterSecurityGroupId))
                .Set("vpcId", Props.Str(vpc?.VpcId))
                .Set("endpointPublicAccess", PropertyValue.Of(vpc?.EndpointPublicAccess ?? true))
                .Set("endpointPrivateAccess", PropertyValue.Of(vpc?.EndpointPrivateAccess ?? false))
                .Set("publicAccessCidrs", Props.Strings(vpc?.PublicAccessCidrs)))),
            ("tagsAll", Props.Map(cluster.Tags)),
            ("accessConfig", PropertyValue.Of(PropertyMap.Empty
                .Set("authenticationMode", Props.Str(cluster.AccessConfig?.AuthenticationMode))
                .Set("bootstrapClusterCreatorAdminPermissions", cluster.AccessConfig?.BootstrapClusterCreatorAdminPermissions is { } admin ? PropertyValue.Of(admin) : PropertyValue.Null))),
            ("identities", PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("oidcs",
                PropertyValue.Of([PropertyValue.Of(PropertyMap.Empty.Set("issuer", Props.Str(cluster.Identity?.Oidc?.Issuer)))])))])));
    }

    /// <summary>Refresh: the inputs as EKS reports them (only the ones the program gave, so a default EKS filled in is no diff).</summary>
    public async Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        if (await AwsCall.RunAsync(() => eks.FindClusterAsync(request.Id, cancellationToken)).ConfigureAwait(false) is not { } cluster || cluster.Status == "DELETING") return null;
        var old = request.Inputs ?? PropertyMap.Empty;
        var vpc = Props.Object(old, "vpcConfig") ?? PropertyMap.Empty;
        var live = cluster.ResourcesVpcConfig;
        vpc = vpc.Set("subnetIds", Props.Strings(live?.SubnetIds));
        if (vpc.ContainsKey("securityGroupIds") || live?.SecurityGroupIds is { Count: > 0 }) vpc = vpc.Set("securityGroupIds", Props.Strings(live?.SecurityGroupIds));
        if (vpc.ContainsKey("endpointPublicAccess")) vpc = vpc.Set("endpointPublicAccess", PropertyValue.Of(live?.EndpointPublicAccess ?? true));
        if (vpc.ContainsKey("endpointPrivateAccess")) vpc = vpc.Set("endpointPrivateAccess", PropertyValue.Of(live?.EndpointPrivateAccess ?? false));
        if (vpc.ContainsKey("publicAccessCidrs")) vpc = vpc.Set("publicAccessCidrs", Props.Strings(live?.PublicAccessCidrs));
        var inputs = old.Set("name", Props.Str(cluster.Name)).Set("roleArn", Props.Str(cluster.RoleArn)).Set("vpcConfig", PropertyValue.Of(vpc));
        if (old.ContainsKey("version")) inputs = inputs.Set("version", Props.Str(cluster.Version));
        if (Props.Object(old, "accessConfig") is { } access)
        {
            if (access.ContainsKey("authenticationMode")) access = access.Set("authenticationMode", Props.Str(cluster.AccessConfig?.AuthenticationMode));
            inputs = inputs.Set("accessConfig", PropertyValue.Of(access));
        }
        if (old.ContainsKey("tags") || cluster.Tags is { Count: > 0 }) inputs = inputs.Set("tags", Props.Map(cluster.Tags));
        return new ReadResponse(cluster.Name!, Outputs(inputs, cluster), inputs);
    }

    public async Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        var name = request.Id;
        if (request.NewInputs.GetString("version") is { } version && version != request.OldOutputs.GetString("version"))
        {
            var update = await AwsCall.RunAsync(() => eks.UpdateClusterVersionAsync(name, new UpdateClusterVersionRequest { Version = version }, cancellationToken)).ConfigureAwait(false);
            await AwsCall.RunAsync(() => eks.WaitForUpdateAsync(name, update.Update!.Id!, null, _waiting, cancellationToken)).ConfigureAwait(false);
        }
        var cluster = await AwsCall.RunAsync(() => eks.WaitForClusterActiveAsync(name, _waiting, cancellationToken)).ConfigureAwait(false);
        return new UpdateResponse(Outputs(request.NewInputs, cluster));
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        var eks = AwsConnections.For(request).Eks;
        try { await eks.DeleteClusterAsync(request.Id, cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EksErrorCodes.ResourceNotFound) { return; }
        catch (AwsServiceException e) when (e.ErrorCode == EksErrorCodes.ResourceInUse)
        {
            throw new ResourceProviderException($"cannot delete EKS cluster {request.Id}: {e.ErrorMessage} ({e.ErrorCode}). Delete its node groups first, then retry.", e);
        }
        catch (AwsException e) { throw new ResourceProviderException(e.Message, e); }
        await AwsCall.RunAsync(() => eks.WaitForClusterDeletedAsync(request.Id, _waiting, cancellationToken)).ConfigureAwait(false);
    }
}

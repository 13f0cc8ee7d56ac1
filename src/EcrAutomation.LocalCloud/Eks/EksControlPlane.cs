using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcrAutomation.LocalCloud.Storage;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// The EKS clusters of one local cloud: their records under <c>&lt;data&gt;/eks/&lt;name&gt;/</c> and a running Kubernetes API
/// server per cluster (<see cref="EksClusterHost"/>). Every operation runs under one lock and persists before it answers,
/// so a cluster a response called CREATING or ACTIVE exists after a crash, and one being deleted is finished on the next start.
/// </summary>
internal sealed class EksControlPlane : IAsyncDisposable
{
    private const string RecordFile = "cluster.json";

    /// <summary>The service CIDR the API server allocates cluster IPs from (EKS's default).</summary>
    private const string ServiceCidr = "10.100.0.0/16";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private readonly string _root;
    private readonly string _accountId;
    private readonly string _region;
    private readonly TimeProvider _time;
    private readonly EksClusterHostFactory _hostFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, RunningCluster> _clusters = new(StringComparer.Ordinal);

    public EksControlPlane(string dataDirectory, string accountId, string region, TimeProvider time, EksClusterHostFactory hostFactory, ILogger logger)
    {
        _root = Path.Combine(dataDirectory, "eks");
        _accountId = accountId;
        _region = region;
        _time = time;
        _hostFactory = hostFactory;
        _logger = logger;
    }

    /// <summary>Brings back every stored cluster (same API server port when it is free, same CA) and finishes interrupted work.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(_root))
            {
                var path = Path.Combine(directory, RecordFile);
                if (!File.Exists(path))
                {
                    // A create that died before its first write, or a delete that removed the record first.
                    Directory.Delete(directory, recursive: true);
                    continue;
                }

                var record = JsonSerializer.Deserialize<EksClusterRecord>(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), JsonOptions)
                    ?? throw new InvalidDataException($"{path} is empty.");
                if (record.Status == "DELETING")
                {
                    RemoveClusterFiles(record.Name);
                    continue;
                }

                try
                {
                    await ActivateAsync(record, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "EKS cluster {Name} could not be started", record.Name);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Name, status and endpoint of every cluster, for <c>local status</c>.</summary>
    public async Task<IReadOnlyList<EksClusterSummary>> SummariesAsync(CancellationToken cancellationToken)
        => await LockedAsync(() => (IReadOnlyList<EksClusterSummary>)[.. _clusters.Values
            .OrderBy(c => c.Record.Name, StringComparer.Ordinal)
            .Select(c => new EksClusterSummary(c.Record.Name, c.Record.Status, c.Record.Version, Endpoint(c)))], cancellationToken).ConfigureAwait(false);

    public Task<JsonObject> CreateClusterAsync(JsonObject request, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var name = request["name"]?.GetValue<string>();
        EksNames.ValidateCluster(name);
        var roleArn = Required<string>(request, "roleArn");
        var vpc = request["resourcesVpcConfig"] as JsonObject ?? throw EksException.InvalidParameter("resourcesVpcConfig is required.");
        var version = request["version"]?.GetValue<string>() ?? EksCatalog.DefaultVersion;
        if (!EksCatalog.Versions.Contains(version))
        {
            throw EksException.InvalidParameter($"unsupported Kubernetes version {version}. Supported versions: {string.Join(", ", EksCatalog.Versions)}.");
        }

        if (_clusters.ContainsKey(name!))
        {
            throw EksException.InUse($"Cluster already exists with name: {name}");
        }

        if (request["kubernetesNetworkConfig"]?["serviceIpv4Cidr"]?.GetValue<string>() is { } cidr && cidr != ServiceCidr)
        {
            throw EksException.InvalidParameter($"The local cloud's clusters allocate service IPs from {ServiceCidr}; serviceIpv4Cidr {cidr} is not supported.");
        }

        var subnets = Strings(vpc["subnetIds"]);
        if (subnets.Count < 2)
        {
            throw EksException.InvalidParameter("Subnets specified must be in at least two different AZs");
        }

        var id = Guid.NewGuid().ToString("N")[..32].ToUpperInvariant();
        var record = new EksClusterRecord
        {
            Name = name!,
            Arn = $"arn:aws:eks:{_region}:{_accountId}:cluster/{name}",
            Id = Guid.NewGuid().ToString(),
            CreatedAt = Now(),
            Version = version,
            RoleArn = roleArn,
            Status = "CREATING",
            ResourcesVpcConfig = new JsonObject
            {
                ["subnetIds"] = ToArray(subnets),
                ["securityGroupIds"] = ToArray(Strings(vpc["securityGroupIds"])),
                ["clusterSecurityGroupId"] = "sg-" + id[..17].ToLowerInvariant(),
                ["vpcId"] = "vpc-" + id[17..].ToLowerInvariant(),
                ["endpointPublicAccess"] = vpc["endpointPublicAccess"]?.GetValue<bool>() ?? true,
                ["endpointPrivateAccess"] = vpc["endpointPrivateAccess"]?.GetValue<bool>() ?? false,
                ["publicAccessCidrs"] = vpc["publicAccessCidrs"]?.DeepClone() ?? new JsonArray("0.0.0.0/0"),
            },
            KubernetesNetworkConfig = new JsonObject
            {
                ["serviceIpv4Cidr"] = ServiceCidr,
                ["ipFamily"] = "ipv4",
                ["elasticLoadBalancing"] = new JsonObject { ["enabled"] = false },
            },
            Logging = request["logging"]?.DeepClone() as JsonObject
                ?? new JsonObject { ["clusterLogging"] = new JsonArray(new JsonObject { ["types"] = new JsonArray("api", "audit", "authenticator", "controllerManager", "scheduler"), ["enabled"] = false }) },
            AccessConfig = new JsonObject
            {
                ["bootstrapClusterCreatorAdminPermissions"] = request["accessConfig"]?["bootstrapClusterCreatorAdminPermissions"]?.GetValue<bool>() ?? true,
                ["authenticationMode"] = request["accessConfig"]?["authenticationMode"]?.GetValue<string>() ?? "API_AND_CONFIG_MAP",
            },
            Tags = StringMap(request["tags"]),
        };
        Directory.CreateDirectory(ClusterDirectory(record.Name));
        await SaveAsync(record, cancellationToken).ConfigureAwait(false);
        var response = Describe(record, running: null);
        try
        {
            await ActivateAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            RemoveClusterFiles(record.Name);
            throw;
        }

        return new JsonObject { ["cluster"] = response };
    }, cancellationToken);

    public Task<JsonObject> DescribeClusterAsync(string name, CancellationToken cancellationToken) => LockedAsync(() =>
    {
        var cluster = Find(name);
        return new JsonObject { ["cluster"] = Describe(cluster.Record, cluster) };
    }, cancellationToken);

    public Task<JsonObject> ListClustersAsync(CancellationToken cancellationToken) => LockedAsync(() => new JsonObject
    {
        ["clusters"] = ToArray([.. _clusters.Keys.Order(StringComparer.Ordinal)]),
    }, cancellationToken);

    public Task<JsonObject> DeleteClusterAsync(string name, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(name);
        if (cluster.Record.Nodegroups.Count > 0)
        {
            throw EksException.InUse("Cluster has nodegroups attached");
        }

        cluster.Record.Status = "DELETING";
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        var response = Describe(cluster.Record, cluster);
        _clusters.Remove(name);
        await cluster.DisposeAsync().ConfigureAwait(false);
        RemoveClusterFiles(name);
        return new JsonObject { ["cluster"] = response };
    }, cancellationToken);

    public Task<JsonObject> UpdateClusterVersionAsync(string name, JsonObject request, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(name);
        var version = Required<string>(request, "version");
        var current = Version.Parse(cluster.Record.Version);
        if (!EksCatalog.Versions.Contains(version) || Version.Parse(version) != new Version(current.Major, current.Minor + 1))
        {
            throw EksException.InvalidParameter($"Unsupported Kubernetes minor version update from {cluster.Record.Version} to {version}");
        }

        if (cluster.Record.Status != "ACTIVE")
        {
            throw EksException.InUse($"Cluster {name} is currently {cluster.Record.Status}; only an ACTIVE cluster can be updated.");
        }

        var update = NewUpdate("VersionUpdate", null, ("Version", version), ("PlatformVersion", EksCatalog.PlatformVersion));
        var response = Render(update);
        cluster.Record.Version = version;
        update.Status = "Successful";
        cluster.Record.Updates.Add(update);
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["update"] = response };
    }, cancellationToken);

    public Task<JsonObject> DescribeUpdateAsync(string name, string updateId, string? nodegroupName, string? addonName, CancellationToken cancellationToken) => LockedAsync(() =>
    {
        var cluster = Find(name);
        var update = cluster.Record.Updates.FirstOrDefault(u => u.Id == updateId && u.NodegroupName == nodegroupName && u.AddonName == addonName)
            ?? throw EksException.NotFound($"No update found for ID: {updateId}");
        return new JsonObject { ["update"] = Render(update) };
    }, cancellationToken);

    public Task<JsonObject> CreateNodegroupAsync(string clusterName, JsonObject request, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(clusterName);
        var name = request["nodegroupName"]?.GetValue<string>();
        EksNames.ValidateNodegroup(name);
        var nodeRole = Required<string>(request, "nodeRole");
        var subnets = Strings(request["subnets"]);
        if (subnets.Count == 0)
        {
            throw EksException.InvalidParameter("Subnets are required");
        }

        if (cluster.Record.Nodegroups.Any(n => n.NodegroupName == name))
        {
            throw EksException.InUse($"NodeGroup already exists with name {name} and cluster name {clusterName}");
        }

        var instanceTypes = Strings(request["instanceTypes"]);
        if (instanceTypes.Count == 0)
        {
            instanceTypes = ["t3.medium"];
        }

        foreach (var type in instanceTypes.Where(t => !EksCatalog.InstanceTypes.ContainsKey(t)))
        {
            throw EksException.InvalidParameter($"Instance type {type} is not supported by the local cloud; use one of: {string.Join(", ", EksCatalog.InstanceTypes.Keys)}.");
        }

        var version = request["version"]?.GetValue<string>() ?? cluster.Record.Version;
        if (!EksCatalog.Versions.Contains(version) || Version.Parse(version) > Version.Parse(cluster.Record.Version))
        {
            throw EksException.InvalidParameter($"Requested Kubernetes version {version} is invalid: a node group runs the cluster's version {cluster.Record.Version} or an older supported one.");
        }

        var scaling = Scaling(request["scalingConfig"] as JsonObject, new EksScalingConfig(1, 2, 2));
        var uuid = Guid.NewGuid().ToString();
        var now = Now();
        var nodegroup = new EksNodegroupRecord
        {
            NodegroupName = name!,
            NodegroupArn = $"arn:aws:eks:{_region}:{_accountId}:nodegroup/{clusterName}/{name}/{uuid}",
            ClusterName = clusterName,
            Version = version,
            ReleaseVersion = request["releaseVersion"]?.GetValue<string>() ?? $"{version}.0-20250101",
            CreatedAt = now,
            ModifiedAt = now,
            Status = "CREATING",
            CapacityType = request["capacityType"]?.GetValue<string>() ?? "ON_DEMAND",
            ScalingConfig = scaling,
            InstanceTypes = instanceTypes,
            Subnets = subnets,
            AmiType = request["amiType"]?.GetValue<string>() ?? (EksCatalog.InstanceTypes[instanceTypes[0]].Architecture == "arm64" ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD"),
            NodeRole = nodeRole,
            Labels = StringMap(request["labels"]),
            Taints = Taints(request["taints"]),
            DiskSize = request["diskSize"]?.GetValue<int>() ?? 20,
            Resources = new JsonObject { ["autoScalingGroups"] = new JsonArray(new JsonObject { ["name"] = $"eks-{name}-{uuid}" }) },
            Tags = StringMap(request["tags"]),
        };
        if (request["updateConfig"] is JsonObject updateConfig)
        {
            nodegroup.UpdateConfig = (JsonObject)updateConfig.DeepClone();
        }

        cluster.Record.Nodegroups.Add(nodegroup);
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        var response = JsonSerializer.SerializeToNode(nodegroup, JsonOptions)!;
        nodegroup.Status = "ACTIVE";
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        await cluster.Host.SyncNodesAsync(cluster.Record.Nodegroups, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["nodegroup"] = response };
    }, cancellationToken);

    public Task<JsonObject> DescribeNodegroupAsync(string clusterName, string name, CancellationToken cancellationToken) => LockedAsync(() =>
        new JsonObject { ["nodegroup"] = JsonSerializer.SerializeToNode(FindNodegroup(Find(clusterName), name), JsonOptions) }, cancellationToken);

    public Task<JsonObject> ListNodegroupsAsync(string clusterName, CancellationToken cancellationToken) => LockedAsync(() => new JsonObject
    {
        ["nodegroups"] = ToArray([.. Find(clusterName).Record.Nodegroups.Select(n => n.NodegroupName)]),
    }, cancellationToken);

    public Task<JsonObject> DeleteNodegroupAsync(string clusterName, string name, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(clusterName);
        var nodegroup = FindNodegroup(cluster, name);
        nodegroup.Status = "DELETING";
        var response = JsonSerializer.SerializeToNode(nodegroup, JsonOptions);
        cluster.Record.Nodegroups.Remove(nodegroup);
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        await cluster.Host.SyncNodesAsync(cluster.Record.Nodegroups, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["nodegroup"] = response };
    }, cancellationToken);

    public Task<JsonObject> UpdateNodegroupConfigAsync(string clusterName, string name, JsonObject request, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(clusterName);
        var nodegroup = FindNodegroup(cluster, name);
        var parameters = new List<(string, string)>();
        if (request["scalingConfig"] is JsonObject scalingRequest)
        {
            nodegroup.ScalingConfig = Scaling(scalingRequest, nodegroup.ScalingConfig);
            parameters.Add(("MinSize", nodegroup.ScalingConfig.MinSize.ToString(CultureInfo.InvariantCulture)));
            parameters.Add(("MaxSize", nodegroup.ScalingConfig.MaxSize.ToString(CultureInfo.InvariantCulture)));
            parameters.Add(("DesiredSize", nodegroup.ScalingConfig.DesiredSize.ToString(CultureInfo.InvariantCulture)));
        }

        if (request["labels"] is JsonObject labels)
        {
            var add = StringMap(labels["addOrUpdateLabels"]);
            var remove = Strings(labels["removeLabels"]);
            foreach (var (key, value) in add)
            {
                nodegroup.Labels[key] = value;
            }

            remove.ForEach(key => nodegroup.Labels.Remove(key));
            parameters.Add(("LabelsToAdd", JsonSerializer.Serialize(add)));
            parameters.Add(("LabelsToRemove", JsonSerializer.Serialize(remove)));
        }

        if (request["taints"] is JsonObject taints)
        {
            var add = Taints(taints["addOrUpdateTaints"]);
            var remove = Taints(taints["removeTaints"]);
            nodegroup.Taints.RemoveAll(t => add.Any(a => a.Key == t.Key && a.Effect == t.Effect) || remove.Any(r => r.Key == t.Key && r.Effect == t.Effect));
            nodegroup.Taints.AddRange(add);
            parameters.Add(("TaintsToAdd", JsonSerializer.Serialize(add, JsonOptions)));
            parameters.Add(("TaintsToRemove", JsonSerializer.Serialize(remove, JsonOptions)));
        }

        if (request["updateConfig"] is JsonObject updateConfig)
        {
            nodegroup.UpdateConfig = (JsonObject)updateConfig.DeepClone();
            parameters.Add(("MaxUnavailable", updateConfig["maxUnavailable"]?.ToString() ?? string.Empty));
        }

        if (parameters.Count == 0)
        {
            throw EksException.InvalidParameter("No changes needed");
        }

        nodegroup.ModifiedAt = Now();
        var update = NewUpdate("ConfigUpdate", name, [.. parameters]);
        var response = Render(update);
        update.Status = "Successful";
        cluster.Record.Updates.Add(update);
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        await cluster.Host.SyncNodesAsync(cluster.Record.Nodegroups, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["update"] = response };
    }, cancellationToken);

    /// <summary>UpdateNodegroupVersion: the nodes move to the given version (at most the cluster's, at least one minor below it) or, without one, to the cluster's.</summary>
    public Task<JsonObject> UpdateNodegroupVersionAsync(string clusterName, string name, JsonObject request, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(clusterName);
        var nodegroup = FindNodegroup(cluster, name);
        var version = request["version"]?.GetValue<string>() ?? cluster.Record.Version;
        var clusterVersion = Version.Parse(cluster.Record.Version);
        var requested = Version.TryParse(version, out var parsed) ? parsed : null;
        if (requested is null || requested > clusterVersion || requested < Version.Parse(nodegroup.Version))
        {
            throw EksException.InvalidParameter($"Requested Kubernetes version {version} is invalid: node groups can move up to the cluster's version {cluster.Record.Version}, not down from {nodegroup.Version}.");
        }

        var release = request["releaseVersion"]?.GetValue<string>() ?? $"{version}.0-20250101";
        nodegroup.Version = version;
        nodegroup.ReleaseVersion = release;
        nodegroup.ModifiedAt = Now();
        var update = NewUpdate("VersionUpdate", name, ("Version", version), ("ReleaseVersion", release));
        var response = Render(update);
        update.Status = "Successful";
        cluster.Record.Updates.Add(update);
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        await cluster.Host.SyncNodesAsync(cluster.Record.Nodegroups, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["update"] = response };
    }, cancellationToken);

    public static JsonObject DescribeAddonVersions(string? addonName, string? kubernetesVersion)
        => new() { ["addons"] = EksCatalog.DescribeAddonVersions(addonName, kubernetesVersion) };

    public Task<JsonObject> CreateAddonAsync(string clusterName, JsonObject request, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(clusterName);
        var name = Required<string>(request, "addonName");
        if (!EksCatalog.IsAddon(name))
        {
            throw EksException.InvalidParameter($"Addon {name} specified is not supported");
        }

        var versions = EksCatalog.AddonVersions(name, cluster.Record.Version);
        var version = request["addonVersion"]?.GetValue<string>() ?? versions[0];
        if (!versions.Contains(version))
        {
            throw EksException.InvalidParameter($"Addon version specified is not supported, {name} {version} for cluster version {cluster.Record.Version}");
        }

        if (cluster.Record.Addons.Any(a => a.AddonName == name))
        {
            throw EksException.InUse("Addon already exists.");
        }

        var now = Now();
        var addon = new EksAddonRecord
        {
            AddonName = name,
            ClusterName = clusterName,
            Status = "CREATING",
            AddonVersion = version,
            AddonArn = $"arn:aws:eks:{_region}:{_accountId}:addon/{clusterName}/{name}/{Guid.NewGuid()}",
            CreatedAt = now,
            ModifiedAt = now,
            ServiceAccountRoleArn = request["serviceAccountRoleArn"]?.GetValue<string>(),
            ConfigurationValues = request["configurationValues"]?.GetValue<string>(),
            Tags = StringMap(request["tags"]),
        };
        cluster.Record.Addons.Add(addon);
        var response = JsonSerializer.SerializeToNode(addon, JsonOptions);
        addon.Status = "ACTIVE";
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["addon"] = response };
    }, cancellationToken);

    public Task<JsonObject> UpdateAddonAsync(string clusterName, string name, JsonObject request, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(clusterName);
        var addon = FindAddon(cluster, name);
        var parameters = new List<(string, string)>();
        if (request["addonVersion"]?.GetValue<string>() is { } version)
        {
            if (!EksCatalog.AddonVersions(name, cluster.Record.Version).Contains(version))
            {
                throw EksException.InvalidParameter($"Addon version specified is not supported, {name} {version} for cluster version {cluster.Record.Version}");
            }

            addon.AddonVersion = version;
            parameters.Add(("AddonVersion", version));
        }

        if (request["serviceAccountRoleArn"]?.GetValue<string>() is { } role)
        {
            addon.ServiceAccountRoleArn = role.Length == 0 ? null : role;
            parameters.Add(("ServiceAccountRoleArn", role));
        }

        if (request["configurationValues"]?.GetValue<string>() is { } configuration)
        {
            addon.ConfigurationValues = configuration.Length == 0 ? null : configuration;
            parameters.Add(("ConfigurationValues", configuration));
        }

        if (request["resolveConflicts"]?.GetValue<string>() is { } resolve)
        {
            parameters.Add(("ResolveConflicts", resolve));
        }

        addon.ModifiedAt = Now();
        var update = NewUpdate("AddonUpdate", null, [.. parameters]);
        update.AddonName = name;
        var response = Render(update);
        update.Status = "Successful";
        cluster.Record.Updates.Add(update);
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["update"] = response };
    }, cancellationToken);

    public Task<JsonObject> DescribeAddonAsync(string clusterName, string name, CancellationToken cancellationToken) => LockedAsync(() =>
        new JsonObject { ["addon"] = JsonSerializer.SerializeToNode(FindAddon(Find(clusterName), name), JsonOptions) }, cancellationToken);

    public Task<JsonObject> ListAddonsAsync(string clusterName, CancellationToken cancellationToken) => LockedAsync(() => new JsonObject
    {
        ["addons"] = ToArray([.. Find(clusterName).Record.Addons.Select(a => a.AddonName)]),
    }, cancellationToken);

    public Task<JsonObject> DeleteAddonAsync(string clusterName, string name, CancellationToken cancellationToken) => LockedAsync(async () =>
    {
        var cluster = Find(clusterName);
        var addon = FindAddon(cluster, name);
        addon.Status = "DELETING";
        var response = JsonSerializer.SerializeToNode(addon, JsonOptions);
        cluster.Record.Addons.Remove(addon);
        await SaveAsync(cluster.Record, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["addon"] = response };
    }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var cluster in _clusters.Values)
            {
                await cluster.DisposeAsync().ConfigureAwait(false);
            }

            _clusters.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the cluster's API server and marks everything that was being created or updated as done.</summary>
    private async Task ActivateAsync(EksClusterRecord record, CancellationToken cancellationToken)
    {
        var directory = ClusterDirectory(record.Name);
        var authority = await ClusterCertificateAuthority.LoadOrCreateAsync(directory, record.Name, cancellationToken).ConfigureAwait(false);
        EksClusterHost host;
        try
        {
            host = await _hostFactory(new EksClusterHostSettings(record.Version, directory, record.Port, authority), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            authority.Dispose();
            throw;
        }

        var running = new RunningCluster(record, authority, host);
        try
        {
            record.Port = host.Port;
            record.Status = "ACTIVE";
            record.Nodegroups.RemoveAll(n => n.Status == "DELETING");
            record.Nodegroups.ForEach(n => n.Status = "ACTIVE");
            record.Addons.RemoveAll(a => a.Status == "DELETING");
            record.Addons.ForEach(a => a.Status = "ACTIVE");
            await SaveAsync(record, cancellationToken).ConfigureAwait(false);
            await host.SyncNodesAsync(record.Nodegroups, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await running.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _clusters[record.Name] = running;
    }

    private JsonObject Describe(EksClusterRecord record, RunningCluster? running)
    {
        var cluster = (JsonObject)JsonSerializer.SerializeToNode(record, JsonOptions)!;
        // "id" is only returned for Outposts clusters on AWS; here it only seeds the OIDC issuer.
        foreach (var internalMember in (string[])["id", "port", "nodegroups", "addons", "updates"])
        {
            cluster.Remove(internalMember);
        }

        cluster["platformVersion"] = EksCatalog.PlatformVersion;
        cluster["identity"] = new JsonObject { ["oidc"] = new JsonObject { ["issuer"] = $"https://oidc.eks.{_region}.amazonaws.com/id/{record.Id.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant()}" } };
        cluster["health"] = new JsonObject { ["issues"] = new JsonArray() };
        if (running is not null)
        {
            cluster["endpoint"] = Endpoint(running);
            cluster["certificateAuthority"] = new JsonObject { ["data"] = running.Authority.Base64Pem };
        }

        return cluster;
    }

    private static string Endpoint(RunningCluster cluster) => $"https://127.0.0.1:{cluster.Host.Port}";

    private EksUpdateRecord NewUpdate(string type, string? nodegroupName, params (string Type, string Value)[] parameters) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Status = "InProgress",
        Type = type,
        Params = [.. parameters.Select(p => (JsonNode)new JsonObject { ["type"] = p.Type, ["value"] = p.Value })],
        CreatedAt = Now(),
        NodegroupName = nodegroupName,
    };

    private static JsonObject Render(EksUpdateRecord update)
    {
        var node = (JsonObject)JsonSerializer.SerializeToNode(update, JsonOptions)!;
        node.Remove("nodegroupName");
        node.Remove("addonName");
        return node;
    }

    private RunningCluster Find(string name)
        => _clusters.GetValueOrDefault(name) ?? throw EksException.ClusterNotFound(name);

    private static EksNodegroupRecord FindNodegroup(RunningCluster cluster, string name)
        => cluster.Record.Nodegroups.FirstOrDefault(n => n.NodegroupName == name) ?? throw EksException.NotFound($"No node group found for name: {name}.");

    private static EksAddonRecord FindAddon(RunningCluster cluster, string name)
        => cluster.Record.Addons.FirstOrDefault(a => a.AddonName == name) ?? throw EksException.NotFound($"No addon: {name} found in cluster: {cluster.Record.Name}");

    private string ClusterDirectory(string name) => Path.Combine(_root, name);

    private async Task SaveAsync(EksClusterRecord record, CancellationToken cancellationToken)
        => await AtomicFile.WriteAllBytesAsync(Path.Combine(ClusterDirectory(record.Name), RecordFile), JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions), cancellationToken).ConfigureAwait(false);

    private void RemoveClusterFiles(string name)
    {
        var directory = ClusterDirectory(name);

        // The record goes first, so a crash in the middle leaves a folder the next start recognizes as deleted.
        File.Delete(Path.Combine(directory, RecordFile));
        Directory.Delete(directory, recursive: true);
    }

    private double Now() => Math.Round(_time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0, 3);

    private async Task<T> LockedAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static T Required<T>(JsonObject request, string member)
    {
        try
        {
            return request[member] is { } value ? value.GetValue<T>() : throw EksException.InvalidParameter($"{member} is required.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw EksException.InvalidParameter($"{member} has the wrong type.");
        }
    }

    private static List<string> Strings(JsonNode? node)
        => node is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];

    private static Dictionary<string, string> StringMap(JsonNode? node)
        => node is JsonObject map ? map.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal) : [];

    private static JsonArray ToArray(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    private static List<EksTaint> Taints(JsonNode? node)
        => node is JsonArray array
            ? [.. array.Select(t => new EksTaint(t!["key"]!.GetValue<string>(), t["value"]?.GetValue<string>(), t["effect"]?.GetValue<string>() ?? "NO_SCHEDULE"))]
            : [];

    private static EksScalingConfig Scaling(JsonObject? request, EksScalingConfig defaults)
    {
        var scaling = new EksScalingConfig(
            request?["minSize"]?.GetValue<int>() ?? defaults.MinSize,
            request?["maxSize"]?.GetValue<int>() ?? defaults.MaxSize,
            request?["desiredSize"]?.GetValue<int>() ?? defaults.DesiredSize);
        if (scaling.MinSize < 0 || scaling.MaxSize < 1 || scaling.MinSize > scaling.MaxSize || scaling.DesiredSize < scaling.MinSize || scaling.DesiredSize > scaling.MaxSize)
        {
            throw EksException.InvalidParameter($"Invalid scaling configuration: minSize {scaling.MinSize}, maxSize {scaling.MaxSize}, desiredSize {scaling.DesiredSize}; need 0 <= minSize <= desiredSize <= maxSize and maxSize >= 1.");
        }

        return scaling;
    }

    private sealed class RunningCluster(EksClusterRecord record, ClusterCertificateAuthority authority, EksClusterHost host) : IAsyncDisposable
    {
        public EksClusterRecord Record { get; } = record;

        public ClusterCertificateAuthority Authority { get; } = authority;

        public EksClusterHost Host { get; } = host;

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync().ConfigureAwait(false);
            Authority.Dispose();
        }
    }
}

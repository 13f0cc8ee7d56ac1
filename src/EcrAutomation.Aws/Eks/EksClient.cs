using System.Net.Http.Headers;
using System.Text.Json;
using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Eks;

/// <summary>
/// Amazon EKS client (restJson): clusters (<c>/clusters</c>), managed node groups (<c>/clusters/{name}/node-groups</c>),
/// addons (<c>/clusters/{name}/addons</c>) and their updates, with AWS's waiters (CREATING to ACTIVE, updates to
/// Successful, deletes until gone). A create whose name is taken fails with <see cref="AwsResourceAlreadyExistsException"/>
/// (EKS says <c>ResourceInUseException</c>), so callers can adopt their own earlier attempt.
/// </summary>
public sealed class EksClient
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/json");
    private static readonly AwsWaiterOptions DefaultWaiterOptions = new() { Interval = TimeSpan.FromSeconds(15), Timeout = TimeSpan.FromMinutes(30) };
    private readonly AwsRequestExecutor _executor;

    internal EksClient(AwsRequestExecutor executor) => _executor = executor;

    /// <summary>CreateCluster.</summary>
    /// <exception cref="AwsResourceAlreadyExistsException">A cluster of that name exists.</exception>
    public Task<EksClusterResponse> CreateClusterAsync(CreateEksClusterRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync<EksClusterResponse>("CreateCluster", "clusters", request, cancellationToken);

    /// <summary>DescribeCluster.</summary>
    public Task<EksClusterResponse> DescribeClusterAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<EksClusterResponse>("DescribeCluster", HttpMethod.Get, ClusterPath(name), null, cancellationToken);

    /// <summary>DescribeCluster, or null when no cluster has that name.</summary>
    public Task<EksCluster?> FindClusterAsync(string name, CancellationToken cancellationToken = default) =>
        OrNullAsync(async () => (await DescribeClusterAsync(name, cancellationToken).ConfigureAwait(false)).Cluster);

    /// <summary>ListClusters (names), following <c>nextToken</c> until the last page.</summary>
    public async Task<IReadOnlyList<string>> ListClustersAsync(CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        string? next = null;
        do
        {
            var page = await SendAsync<ListClustersResponse>("ListClusters", HttpMethod.Get,
                "clusters" + (next is null ? "" : "?nextToken=" + Uri.EscapeDataString(next)), null, cancellationToken).ConfigureAwait(false);
            names.AddRange(page.Clusters ?? []);
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));
        return names;
    }

    /// <summary>DeleteCluster (the cluster must have no node groups left).</summary>
    public Task<EksClusterResponse> DeleteClusterAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<EksClusterResponse>("DeleteCluster", HttpMethod.Delete, ClusterPath(name), null, cancellationToken);

    /// <summary>UpdateClusterVersion: starts an upgrade to the next minor version; wait for it with <see cref="WaitForUpdateAsync"/>.</summary>
    public Task<EksUpdateResponse> UpdateClusterVersionAsync(string name, UpdateClusterVersionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<EksUpdateResponse>("UpdateClusterVersion", HttpMethod.Post, ClusterPath(name) + "/updates", Serialize(request), cancellationToken);

    /// <summary>DescribeUpdate of a cluster update, or of a node group's when <paramref name="nodegroupName"/> is given.</summary>
    public Task<EksUpdateResponse> DescribeUpdateAsync(string clusterName, string updateId, string? nodegroupName = null, CancellationToken cancellationToken = default) =>
        SendAsync<EksUpdateResponse>("DescribeUpdate", HttpMethod.Get,
            $"{ClusterPath(clusterName)}/updates/{Uri.EscapeDataString(updateId)}" + (nodegroupName is null ? "" : "?nodegroupName=" + Uri.EscapeDataString(nodegroupName)),
            null, cancellationToken);

    /// <summary>CreateNodegroup.</summary>
    /// <exception cref="AwsResourceAlreadyExistsException">The cluster has a node group of that name.</exception>
    public Task<EksNodegroupResponse> CreateNodegroupAsync(string clusterName, CreateNodegroupRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync<EksNodegroupResponse>("CreateNodegroup", ClusterPath(clusterName) + "/node-groups", request, cancellationToken);

    /// <summary>DescribeNodegroup.</summary>
    public Task<EksNodegroupResponse> DescribeNodegroupAsync(string clusterName, string nodegroupName, CancellationToken cancellationToken = default) =>
        SendAsync<EksNodegroupResponse>("DescribeNodegroup", HttpMethod.Get, NodegroupPath(clusterName, nodegroupName), null, cancellationToken);

    /// <summary>DescribeNodegroup, or null when the cluster or the node group does not exist.</summary>
    public Task<EksNodegroup?> FindNodegroupAsync(string clusterName, string nodegroupName, CancellationToken cancellationToken = default) =>
        OrNullAsync(async () => (await DescribeNodegroupAsync(clusterName, nodegroupName, cancellationToken).ConfigureAwait(false)).Nodegroup);

    /// <summary>ListNodegroups (names).</summary>
    public async Task<IReadOnlyList<string>> ListNodegroupsAsync(string clusterName, CancellationToken cancellationToken = default) =>
        (await SendAsync<ListNodegroupsResponse>("ListNodegroups", HttpMethod.Get, ClusterPath(clusterName) + "/node-groups", null, cancellationToken).ConfigureAwait(false)).Nodegroups ?? [];

    /// <summary>UpdateNodegroupConfig (scaling, labels, taints); wait for it with <see cref="WaitForUpdateAsync"/>.</summary>
    public Task<EksUpdateResponse> UpdateNodegroupConfigAsync(string clusterName, string nodegroupName, UpdateNodegroupConfigRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<EksUpdateResponse>("UpdateNodegroupConfig", HttpMethod.Post, NodegroupPath(clusterName, nodegroupName) + "/update-config", Serialize(request), cancellationToken);

    /// <summary>UpdateNodegroupVersion (Kubernetes version and/or AMI release of the nodes); wait for it with <see cref="WaitForUpdateAsync"/>.</summary>
    public Task<EksUpdateResponse> UpdateNodegroupVersionAsync(string clusterName, string nodegroupName, UpdateNodegroupVersionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<EksUpdateResponse>("UpdateNodegroupVersion", HttpMethod.Post, NodegroupPath(clusterName, nodegroupName) + "/update-version", Serialize(request), cancellationToken);

    /// <summary>DeleteNodegroup.</summary>
    public Task<EksNodegroupResponse> DeleteNodegroupAsync(string clusterName, string nodegroupName, CancellationToken cancellationToken = default) =>
        SendAsync<EksNodegroupResponse>("DeleteNodegroup", HttpMethod.Delete, NodegroupPath(clusterName, nodegroupName), null, cancellationToken);

    /// <summary>CreateAddon.</summary>
    /// <exception cref="AwsResourceAlreadyExistsException">The cluster has that addon installed.</exception>
    public Task<EksAddonResponse> CreateAddonAsync(string clusterName, CreateAddonRequest request, CancellationToken cancellationToken = default) =>
        CreateAsync<EksAddonResponse>("CreateAddon", ClusterPath(clusterName) + "/addons", request, cancellationToken);

    /// <summary>DescribeAddon.</summary>
    public Task<EksAddonResponse> DescribeAddonAsync(string clusterName, string addonName, CancellationToken cancellationToken = default) =>
        SendAsync<EksAddonResponse>("DescribeAddon", HttpMethod.Get, AddonPath(clusterName, addonName), null, cancellationToken);

    /// <summary>DescribeAddon, or null when the cluster or the addon does not exist.</summary>
    public Task<EksAddon?> FindAddonAsync(string clusterName, string addonName, CancellationToken cancellationToken = default) =>
        OrNullAsync(async () => (await DescribeAddonAsync(clusterName, addonName, cancellationToken).ConfigureAwait(false)).Addon);

    /// <summary>UpdateAddon (version, service account role, configuration); wait for it with <see cref="WaitForUpdateAsync"/>.</summary>
    public Task<EksUpdateResponse> UpdateAddonAsync(string clusterName, string addonName, UpdateAddonRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<EksUpdateResponse>("UpdateAddon", HttpMethod.Post, AddonPath(clusterName, addonName) + "/update", Serialize(request), cancellationToken);

    /// <summary>
    /// DescribeAddonVersions for one addon and optionally one Kubernetes version, every page: the addon's versions,
    /// newest first as EKS lists them, each with the cluster versions it supports and whether it is their default.
    /// </summary>
    public async Task<IReadOnlyList<EksAddonInfo>> DescribeAddonVersionsAsync(string addonName, string? kubernetesVersion = null, CancellationToken cancellationToken = default)
    {
        var addons = new List<EksAddonInfo>();
        string? token = null;
        do
        {
            var query = "addons/supported-versions?addonName=" + Uri.EscapeDataString(addonName)
                + (kubernetesVersion is null ? "" : "&kubernetesVersion=" + Uri.EscapeDataString(kubernetesVersion))
                + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token));
            var page = await SendAsync<DescribeAddonVersionsResponse>("DescribeAddonVersions", HttpMethod.Get, query, null, cancellationToken).ConfigureAwait(false);
            addons.AddRange(page.Addons ?? []);
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);

        return addons;
    }

    /// <summary>DeleteAddon; with <paramref name="preserve"/> the addon's Kubernetes objects stay on the cluster.</summary>
    public Task<EksAddonResponse> DeleteAddonAsync(string clusterName, string addonName, bool preserve = false, CancellationToken cancellationToken = default) =>
        SendAsync<EksAddonResponse>("DeleteAddon", HttpMethod.Delete, AddonPath(clusterName, addonName) + (preserve ? "?preserve=true" : ""), null, cancellationToken);

    /// <summary>Polls DescribeCluster until the status is ACTIVE (FAILED or DELETING fail the wait).</summary>
    public async Task<EksCluster> WaitForClusterActiveAsync(string name, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        (await WaitAsync($"EKS cluster {name} to become ACTIVE", ct => DescribeClusterAsync(name, ct), r => Active(r.Cluster?.Status), options, cancellationToken).ConfigureAwait(false)).Cluster!;

    /// <summary>Polls DescribeNodegroup until the status is ACTIVE (CREATE_FAILED, DEGRADED or DELETING fail the wait).</summary>
    public async Task<EksNodegroup> WaitForNodegroupActiveAsync(string clusterName, string nodegroupName, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        (await WaitAsync($"EKS node group {nodegroupName} to become ACTIVE", ct => DescribeNodegroupAsync(clusterName, nodegroupName, ct), r => Active(r.Nodegroup?.Status), options, cancellationToken).ConfigureAwait(false)).Nodegroup!;

    /// <summary>Polls DescribeAddon until the status is ACTIVE (CREATE_FAILED, DEGRADED or DELETING fail the wait).</summary>
    public async Task<EksAddon> WaitForAddonActiveAsync(string clusterName, string addonName, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        (await WaitAsync($"EKS addon {addonName} to become ACTIVE", ct => DescribeAddonAsync(clusterName, addonName, ct), r => Active(r.Addon?.Status), options, cancellationToken).ConfigureAwait(false)).Addon!;

    /// <summary>Polls DescribeUpdate until the update is Successful (Failed or Cancelled fail the wait, with EKS's error messages).</summary>
    public async Task<EksUpdate> WaitForUpdateAsync(string clusterName, string updateId, string? nodegroupName = null, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        (await WaitAsync($"EKS update {updateId} of {nodegroupName ?? clusterName} to succeed", ct => DescribeUpdateAsync(clusterName, updateId, nodegroupName, ct),
            r => r.Update?.Status switch
            {
                "Successful" => (WaiterState.Success, "Successful"),
                "Failed" or "Cancelled" => (WaiterState.Failure, $"{r.Update.Status}: {string.Join("; ", (r.Update.Errors ?? []).Select(e => $"{e.ErrorMessage} ({e.ErrorCode})"))}"),
                var status => (WaiterState.Pending, status ?? "unknown"),
            }, options, cancellationToken).ConfigureAwait(false)).Update!;

    /// <summary>Polls until the cluster is gone (DescribeCluster says ResourceNotFoundException).</summary>
    public Task WaitForClusterDeletedAsync(string name, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitAsync($"EKS cluster {name} to be deleted", ct => FindClusterAsync(name, ct), c => Gone(c?.Status), options, cancellationToken);

    /// <summary>Polls until the node group is gone.</summary>
    public Task WaitForNodegroupDeletedAsync(string clusterName, string nodegroupName, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitAsync($"EKS node group {nodegroupName} to be deleted", ct => FindNodegroupAsync(clusterName, nodegroupName, ct), n => Gone(n?.Status), options, cancellationToken);

    /// <summary>Polls until the addon is gone.</summary>
    public Task WaitForAddonDeletedAsync(string clusterName, string addonName, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        WaitAsync($"EKS addon {addonName} to be deleted", ct => FindAddonAsync(clusterName, addonName, ct), a => Gone(a?.Status), options, cancellationToken);

    private static (WaiterState, string) Active(string? status) => status switch
    {
        "ACTIVE" => (WaiterState.Success, "ACTIVE"),
        "FAILED" or "CREATE_FAILED" or "DEGRADED" or "DELETING" or "DELETE_FAILED" => (WaiterState.Failure, status),
        _ => (WaiterState.Pending, status ?? "unknown"),
    };

    private static (WaiterState, string) Gone(string? status) => status switch
    {
        null => (WaiterState.Success, "deleted"),
        "DELETE_FAILED" or "FAILED" => (WaiterState.Failure, status),
        _ => (WaiterState.Pending, status),
    };

    private Task<T> WaitAsync<T>(string description, Func<CancellationToken, Task<T>> poll, Func<T, (WaiterState, string)> evaluate, AwsWaiterOptions? options, CancellationToken cancellationToken) =>
        AwsWaiter.WaitUntilAsync(description, poll, evaluate, options ?? DefaultWaiterOptions, _executor.TimeProvider, _executor.Logger, cancellationToken);

    private static async Task<T?> OrNullAsync<T>(Func<Task<T?>> describe) where T : class
    {
        try { return await describe().ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EksErrorCodes.ResourceNotFound) { return null; }
    }

    /// <summary>EKS answers a create of a taken name with ResourceInUseException; callers need it as "already exists".</summary>
    private async Task<T> CreateAsync<T>(string operation, string path, object request, CancellationToken cancellationToken)
    {
        try { return await SendAsync<T>(operation, HttpMethod.Post, path, Serialize(request), cancellationToken).ConfigureAwait(false); }
        catch (AwsServiceException e) when (e.ErrorCode == EksErrorCodes.ResourceInUse)
        {
            throw new AwsResourceAlreadyExistsException(e.Service, e.Operation, e.ErrorCode, e.ErrorMessage, e.HttpStatus, e.RequestId, e);
        }
    }

    private static byte[] Serialize(object request) => JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), AwsJson.Options);

    private static string ClusterPath(string name) => "clusters/" + Uri.EscapeDataString(name);

    private static string NodegroupPath(string clusterName, string nodegroupName) => ClusterPath(clusterName) + "/node-groups/" + Uri.EscapeDataString(nodegroupName);

    private static string AddonPath(string clusterName, string addonName) => ClusterPath(clusterName) + "/addons/" + Uri.EscapeDataString(addonName);

    private async Task<T> SendAsync<T>(string operation, HttpMethod method, string relativePath, byte[]? body, CancellationToken cancellationToken)
    {
        var payload = body ?? [];
        var response = await _executor.SendAsync(
            AwsServiceInfo.Eks, operation,
            endpoint =>
            {
                var message = new HttpRequestMessage(method, new Uri(endpoint, relativePath));
                if (body is not null)
                {
                    message.Content = new ByteArrayContent(body);
                    message.Content.Headers.ContentType = ContentType;
                }

                return message;
            },
            payload, cancellationToken).ConfigureAwait(false);
        return AwsJsonProtocol.Deserialize<T>(response.Body);
    }
}

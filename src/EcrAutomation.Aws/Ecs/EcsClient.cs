using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Ecs;

/// <summary>Amazon ECS client (awsJson1.1, target prefix <c>AmazonEC2ContainerServiceV20141113.</c>).</summary>
public sealed class EcsClient
{
    /// <summary>The X-Amz-Target prefix.</summary>
    public const string TargetPrefix = "AmazonEC2ContainerServiceV20141113.";

    private readonly AwsJsonProtocol _protocol;

    internal EcsClient(AwsRequestExecutor executor) => _protocol = new AwsJsonProtocol(executor, AwsServiceInfo.Ecs, TargetPrefix);

    /// <summary>CreateCluster.</summary>
    public Task<ClusterResponse> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<CreateClusterRequest, ClusterResponse>("CreateCluster", request, cancellationToken);

    /// <summary>DescribeClusters (missing clusters come back in <c>failures</c> with reason MISSING).</summary>
    public Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeClustersRequest, DescribeClustersResponse>("DescribeClusters", request, cancellationToken);

    /// <summary>DeleteCluster.</summary>
    public Task<ClusterResponse> DeleteClusterAsync(DeleteClusterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DeleteClusterRequest, ClusterResponse>("DeleteCluster", request, cancellationToken);

    /// <summary>RegisterTaskDefinition. Not idempotent (each call adds a revision): resent only after throttling.</summary>
    public Task<TaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<RegisterTaskDefinitionRequest, TaskDefinitionResponse>("RegisterTaskDefinition", request, cancellationToken, idempotent: false);

    /// <summary>DescribeTaskDefinition (family, family:revision or ARN).</summary>
    public Task<TaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeTaskDefinitionRequest, TaskDefinitionResponse>("DescribeTaskDefinition", request, cancellationToken);

    /// <summary>ListTaskDefinitions.</summary>
    public Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<ListTaskDefinitionsRequest, ListTaskDefinitionsResponse>("ListTaskDefinitions", request, cancellationToken);

    /// <summary>Every task definition ARN matching the request, following nextToken.</summary>
    public IAsyncEnumerable<string> ListAllTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => ListTaskDefinitionsAsync(request with { NextToken = token }, ct),
            page => page.TaskDefinitionArns, page => page.NextToken, cancellationToken);

    /// <summary>Every cluster ARN (ListClusters, following nextToken).</summary>
    public IAsyncEnumerable<string> ListAllClustersAsync(CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => _protocol.InvokeAsync<ListClustersRequest, ListClustersResponse>("ListClusters", new ListClustersRequest { NextToken = token }, ct),
            page => page.ClusterArns, page => page.NextToken, cancellationToken);

    /// <summary>Every service ARN of a cluster (ListServices, following nextToken).</summary>
    public IAsyncEnumerable<string> ListAllServicesAsync(string cluster, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => _protocol.InvokeAsync<ListServicesRequest, ListServicesResponse>("ListServices", new ListServicesRequest { Cluster = cluster, NextToken = token }, ct),
            page => page.ServiceArns, page => page.NextToken, cancellationToken);

    /// <summary>DeregisterTaskDefinition (family:revision or ARN).</summary>
    public Task<TaskDefinitionResponse> DeregisterTaskDefinitionAsync(DeregisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DeregisterTaskDefinitionRequest, TaskDefinitionResponse>("DeregisterTaskDefinition", request, cancellationToken);

    /// <summary>CreateService.</summary>
    public Task<ServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<CreateServiceRequest, ServiceResponse>("CreateService", request, cancellationToken);

    /// <summary>UpdateService.</summary>
    public Task<ServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<UpdateServiceRequest, ServiceResponse>("UpdateService", request, cancellationToken);

    /// <summary>DescribeServices.</summary>
    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeServicesRequest, DescribeServicesResponse>("DescribeServices", request, cancellationToken);

    /// <summary>DeleteService.</summary>
    public Task<ServiceResponse> DeleteServiceAsync(DeleteServiceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DeleteServiceRequest, ServiceResponse>("DeleteService", request, cancellationToken);

    /// <summary>ListTasks (one page): a cluster's tasks, by service and desired status (RUNNING unless asked for STOPPED).</summary>
    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<ListTasksRequest, ListTasksResponse>("ListTasks", request, cancellationToken);

    /// <summary>DescribeTasks: statuses, stop reasons and container exit codes (missing tasks come back in <c>failures</c>).</summary>
    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeTasksRequest, DescribeTasksResponse>("DescribeTasks", request, cancellationToken);

    /// <summary>TagResource.</summary>
    public Task TagResourceAsync(EcsTagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EcsTagResourceRequest, EmptyResponse>("TagResource", request, cancellationToken);

    /// <summary>UntagResource.</summary>
    public Task UntagResourceAsync(EcsUntagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EcsUntagResourceRequest, EmptyResponse>("UntagResource", request, cancellationToken);

    /// <summary>ListTagsForResource.</summary>
    public Task<EcsListTagsForResourceResponse> ListTagsForResourceAsync(EcsListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EcsListTagsForResourceRequest, EcsListTagsForResourceResponse>("ListTagsForResource", request, cancellationToken);

    /// <summary>
    /// Waits like <c>aws ecs wait services-stable</c>: the service has exactly one deployment and runningCount equals
    /// desiredCount. MISSING, DRAINING or INACTIVE fail the wait.
    /// </summary>
    public async Task<Service> WaitForServiceStableAsync(
        string cluster, string service, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stable = await AwsWaiter.WaitUntilAsync(
            $"ECS service {service} in {cluster} to become stable",
            async ct =>
            {
                var response = await DescribeServicesAsync(new DescribeServicesRequest { Cluster = cluster, Services = [service] }, ct).ConfigureAwait(false);
                return response.Services.FirstOrDefault();
            },
            s => s switch
            {
                null => (WaiterState.Failure, "MISSING"),
                { Status: "DRAINING" or "INACTIVE" } => (WaiterState.Failure, s.Status),
                { Deployments.Count: 1 } when s.RunningCount == s.DesiredCount => (WaiterState.Success, "stable"),
                _ => (WaiterState.Pending, $"{s.Deployments?.Count ?? 0} deployments, running {s.RunningCount}/{s.DesiredCount}"),
            },
            options ?? new AwsWaiterOptions { Interval = TimeSpan.FromSeconds(5), Timeout = TimeSpan.FromMinutes(10) },
            _protocol.Executor.TimeProvider, _protocol.Executor.Logger, cancellationToken).ConfigureAwait(false);
        return stable!;
    }
}

using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Ecr;

/// <summary>Amazon ECR control-plane client (awsJson1.1, target prefix <c>AmazonEC2ContainerRegistry_V20150921.</c>).</summary>
public sealed class EcrClient
{
    /// <summary>The X-Amz-Target prefix.</summary>
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";

    private readonly AwsJsonProtocol _protocol;

    internal EcrClient(AwsRequestExecutor executor) => _protocol = new AwsJsonProtocol(executor, AwsServiceInfo.Ecr, TargetPrefix);

    /// <summary>CreateRepository.</summary>
    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<CreateRepositoryRequest, CreateRepositoryResponse>("CreateRepository", request, cancellationToken);

    /// <summary>DescribeRepositories (one page).</summary>
    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeRepositoriesRequest, DescribeRepositoriesResponse>("DescribeRepositories", request, cancellationToken);

    /// <summary>DescribeRepositories, every page.</summary>
    public IAsyncEnumerable<Repository> DescribeAllRepositoriesAsync(DescribeRepositoriesRequest? request = null, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => DescribeRepositoriesAsync((request ?? new()) with { NextToken = token }, ct),
            page => page.Repositories, page => page.NextToken, cancellationToken);

    /// <summary>Describes one repository, or returns null when it does not exist.</summary>
    public async Task<Repository?> FindRepositoryAsync(string repositoryName, string? registryId = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await DescribeRepositoriesAsync(
                new DescribeRepositoriesRequest { RegistryId = registryId, RepositoryNames = [repositoryName] }, cancellationToken).ConfigureAwait(false);
            return response.Repositories.FirstOrDefault();
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == EcrErrorCodes.RepositoryNotFound)
        {
            return null;
        }
    }

    /// <summary>DeleteRepository.</summary>
    public Task<DeleteRepositoryResponse> DeleteRepositoryAsync(DeleteRepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DeleteRepositoryRequest, DeleteRepositoryResponse>("DeleteRepository", request, cancellationToken);

    /// <summary>PutLifecyclePolicy.</summary>
    public Task<LifecyclePolicyResponse> PutLifecyclePolicyAsync(PutLifecyclePolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<PutLifecyclePolicyRequest, LifecyclePolicyResponse>("PutLifecyclePolicy", request, cancellationToken);

    /// <summary>GetLifecyclePolicy.</summary>
    public Task<LifecyclePolicyResponse> GetLifecyclePolicyAsync(RepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<RepositoryRequest, LifecyclePolicyResponse>("GetLifecyclePolicy", request, cancellationToken);

    /// <summary>DeleteLifecyclePolicy (returns the removed policy).</summary>
    public Task<LifecyclePolicyResponse> DeleteLifecyclePolicyAsync(RepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<RepositoryRequest, LifecyclePolicyResponse>("DeleteLifecyclePolicy", request, cancellationToken);

    /// <summary>StartLifecyclePolicyPreview.</summary>
    public Task<StartLifecyclePolicyPreviewResponse> StartLifecyclePolicyPreviewAsync(StartLifecyclePolicyPreviewRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<StartLifecyclePolicyPreviewRequest, StartLifecyclePolicyPreviewResponse>("StartLifecyclePolicyPreview", request, cancellationToken);

    /// <summary>GetLifecyclePolicyPreview (one page).</summary>
    public Task<GetLifecyclePolicyPreviewResponse> GetLifecyclePolicyPreviewAsync(GetLifecyclePolicyPreviewRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<GetLifecyclePolicyPreviewRequest, GetLifecyclePolicyPreviewResponse>("GetLifecyclePolicyPreview", request, cancellationToken);

    /// <summary>GetLifecyclePolicyPreview, every result of every page.</summary>
    public IAsyncEnumerable<LifecyclePolicyPreviewResult> GetAllLifecyclePolicyPreviewResultsAsync(GetLifecyclePolicyPreviewRequest request, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => GetLifecyclePolicyPreviewAsync(request with { NextToken = token }, ct),
            page => page.PreviewResults, page => page.NextToken, cancellationToken);

    /// <summary>Polls GetLifecyclePolicyPreview until the status is COMPLETE (returns the first page) or EXPIRED/FAILED (throws).</summary>
    public Task<GetLifecyclePolicyPreviewResponse> WaitForLifecyclePolicyPreviewCompleteAsync(
        string repositoryName, string? registryId = null, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default) =>
        AwsWaiter.WaitUntilAsync(
            $"the lifecycle policy preview of {repositoryName}",
            ct => GetLifecyclePolicyPreviewAsync(new GetLifecyclePolicyPreviewRequest { RepositoryName = repositoryName, RegistryId = registryId }, ct),
            r => r.Status switch
            {
                "COMPLETE" => (WaiterState.Success, "COMPLETE"),
                "EXPIRED" or "FAILED" => (WaiterState.Failure, r.Status),
                _ => (WaiterState.Pending, r.Status ?? "unknown"),
            },
            options ?? new AwsWaiterOptions { Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromMinutes(5) },
            _protocol.Executor.TimeProvider, _protocol.Executor.Logger, cancellationToken);

    /// <summary>SetRepositoryPolicy.</summary>
    public Task<RepositoryPolicyResponse> SetRepositoryPolicyAsync(SetRepositoryPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<SetRepositoryPolicyRequest, RepositoryPolicyResponse>("SetRepositoryPolicy", request, cancellationToken);

    /// <summary>GetRepositoryPolicy.</summary>
    public Task<RepositoryPolicyResponse> GetRepositoryPolicyAsync(RepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<RepositoryRequest, RepositoryPolicyResponse>("GetRepositoryPolicy", request, cancellationToken);

    /// <summary>DeleteRepositoryPolicy.</summary>
    public Task<RepositoryPolicyResponse> DeleteRepositoryPolicyAsync(RepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<RepositoryRequest, RepositoryPolicyResponse>("DeleteRepositoryPolicy", request, cancellationToken);

    /// <summary>PutImageTagMutability.</summary>
    public Task<PutImageTagMutabilityResponse> PutImageTagMutabilityAsync(PutImageTagMutabilityRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<PutImageTagMutabilityRequest, PutImageTagMutabilityResponse>("PutImageTagMutability", request, cancellationToken);

    /// <summary>PutImageScanningConfiguration.</summary>
    public Task<PutImageScanningConfigurationResponse> PutImageScanningConfigurationAsync(PutImageScanningConfigurationRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<PutImageScanningConfigurationRequest, PutImageScanningConfigurationResponse>("PutImageScanningConfiguration", request, cancellationToken);

    /// <summary>TagResource.</summary>
    public Task TagResourceAsync(EcrTagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EcrTagResourceRequest, EmptyResponse>("TagResource", request, cancellationToken);

    /// <summary>UntagResource.</summary>
    public Task UntagResourceAsync(EcrUntagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EcrUntagResourceRequest, EmptyResponse>("UntagResource", request, cancellationToken);

    /// <summary>ListTagsForResource.</summary>
    public Task<EcrListTagsForResourceResponse> ListTagsForResourceAsync(EcrListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<EcrListTagsForResourceRequest, EcrListTagsForResourceResponse>("ListTagsForResource", request, cancellationToken);

    /// <summary>DescribeImages (one page).</summary>
    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<DescribeImagesRequest, DescribeImagesResponse>("DescribeImages", request, cancellationToken);

    /// <summary>DescribeImages, every page.</summary>
    public IAsyncEnumerable<ImageDetail> DescribeAllImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => DescribeImagesAsync(request with { NextToken = token }, ct),
            page => page.ImageDetails, page => page.NextToken, cancellationToken);

    /// <summary>ListImages (one page).</summary>
    public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<ListImagesRequest, ListImagesResponse>("ListImages", request, cancellationToken);

    /// <summary>ListImages, every page.</summary>
    public IAsyncEnumerable<ImageIdentifier> ListAllImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) =>
        AwsPaginator.PaginateAsync(
            (token, ct) => ListImagesAsync(request with { NextToken = token }, ct),
            page => page.ImageIds, page => page.NextToken, cancellationToken);

    /// <summary>BatchGetImage.</summary>
    public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<BatchGetImageRequest, BatchGetImageResponse>("BatchGetImage", request, cancellationToken);

    /// <summary>BatchDeleteImage.</summary>
    public Task<BatchDeleteImageResponse> BatchDeleteImageAsync(BatchDeleteImageRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<BatchDeleteImageRequest, BatchDeleteImageResponse>("BatchDeleteImage", request, cancellationToken);

    /// <summary>PutImage (register a manifest; mostly for tests and retagging).</summary>
    public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<PutImageRequest, PutImageResponse>("PutImage", request, cancellationToken);

    /// <summary>GetAuthorizationToken. The tokens are secrets: never log them.</summary>
    public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest? request = null, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<GetAuthorizationTokenRequest, GetAuthorizationTokenResponse>("GetAuthorizationToken", request ?? new(), cancellationToken);

    /// <summary>BatchCheckLayerAvailability.</summary>
    public Task<BatchCheckLayerAvailabilityResponse> BatchCheckLayerAvailabilityAsync(BatchCheckLayerAvailabilityRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync<BatchCheckLayerAvailabilityRequest, BatchCheckLayerAvailabilityResponse>("BatchCheckLayerAvailability", request, cancellationToken);
}

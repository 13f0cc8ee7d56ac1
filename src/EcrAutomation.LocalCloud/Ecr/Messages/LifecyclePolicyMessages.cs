namespace EcrAutomation.LocalCloud.Ecr.Messages;

/// <summary>The request of the lifecycle policy operations and their previews.</summary>
internal sealed record LifecyclePolicyRequest : RepositoryRequest, IPagedRequest
{
    public string? LifecyclePolicyText { get; init; }

    public List<ImageIdentifier?>? ImageIds { get; init; }

    public TagStatusFilterMessage? Filter { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

/// <summary>The answer of PutLifecyclePolicy, GetLifecyclePolicy and DeleteLifecyclePolicy.</summary>
internal sealed record LifecyclePolicyResponse(string RegistryId, string RepositoryName, string LifecyclePolicyText, double? LastEvaluatedAt = null);

internal sealed record StartLifecyclePolicyPreviewResponse(string RegistryId, string RepositoryName, string LifecyclePolicyText, string Status);

internal sealed record LifecyclePreviewAction(string Type);

internal sealed record LifecyclePreviewResult(
    IReadOnlyList<string>? ImageTags,
    string ImageDigest,
    double ImagePushedAt,
    LifecyclePreviewAction Action,
    int AppliedRulePriority,
    string StorageClass);

internal sealed record LifecyclePreviewSummary(int ExpiringImageTotalCount);

internal sealed record GetLifecyclePolicyPreviewResponse(
    string RegistryId,
    string RepositoryName,
    string LifecyclePolicyText,
    string Status,
    IReadOnlyList<LifecyclePreviewResult> PreviewResults,
    LifecyclePreviewSummary Summary,
    string? NextToken);

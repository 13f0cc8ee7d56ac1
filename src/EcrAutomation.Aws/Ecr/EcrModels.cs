using System.Text;
using System.Text.Json.Serialization;
#pragma warning disable CS1591 // Wire shapes only: each mirrors the botocore ECR model (2015-09-21) member for member and is documented in the AWS API reference (docs/architecture.md, "Public API").

namespace EcrAutomation.Aws.Ecr;

/// <summary>ECR tag; note the model's PascalCase <c>Key</c>/<c>Value</c>.</summary>
public sealed record EcrTag(
    [property: JsonPropertyName("Key")] string Key,
    [property: JsonPropertyName("Value")] string Value);

/// <summary>Scan-on-push setting.</summary>
public sealed record ImageScanningConfiguration
{
    public bool ScanOnPush { get; init; }
}

/// <summary>Encryption at rest (<c>AES256</c>, <c>KMS</c>, <c>KMS_DSSE</c>).</summary>
public sealed record EncryptionConfiguration
{
    public string EncryptionType { get; init; } = "AES256";
    public string? KmsKey { get; init; }
}

/// <summary>Tag pattern excluded from the mutability setting.</summary>
public sealed record ImageTagMutabilityExclusionFilter
{
    public string FilterType { get; init; } = "WILDCARD";
    public required string Filter { get; init; }
}

/// <summary>An ECR repository.</summary>
public sealed record Repository
{
    public string? RepositoryArn { get; init; }
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public string? RepositoryUri { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public string? ImageTagMutability { get; init; }
    public IReadOnlyList<ImageTagMutabilityExclusionFilter>? ImageTagMutabilityExclusionFilters { get; init; }
    public ImageScanningConfiguration? ImageScanningConfiguration { get; init; }
    public EncryptionConfiguration? EncryptionConfiguration { get; init; }
}

public sealed record CreateRepositoryRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public IReadOnlyList<EcrTag>? Tags { get; init; }
    public string? ImageTagMutability { get; init; }
    public IReadOnlyList<ImageTagMutabilityExclusionFilter>? ImageTagMutabilityExclusionFilters { get; init; }
    public ImageScanningConfiguration? ImageScanningConfiguration { get; init; }
    public EncryptionConfiguration? EncryptionConfiguration { get; init; }
}

public sealed record CreateRepositoryResponse
{
    public Repository? Repository { get; init; }
}

public sealed record DescribeRepositoriesRequest
{
    public string? RegistryId { get; init; }
    public IReadOnlyList<string>? RepositoryNames { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

public sealed record DescribeRepositoriesResponse
{
    public IReadOnlyList<Repository> Repositories { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record DeleteRepositoryRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public bool? Force { get; init; }
}

public sealed record DeleteRepositoryResponse
{
    public Repository? Repository { get; init; }
}

/// <summary>Identifies a repository (the request of Get/DeleteLifecyclePolicy and Get/DeleteRepositoryPolicy).</summary>
public sealed record RepositoryRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
}

public sealed record PutLifecyclePolicyRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required string LifecyclePolicyText { get; init; }
}

/// <summary>Response of Put/Get/DeleteLifecyclePolicy.</summary>
public sealed record LifecyclePolicyResponse
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public string? LifecyclePolicyText { get; init; }
    public DateTimeOffset? LastEvaluatedAt { get; init; }
}

public sealed record StartLifecyclePolicyPreviewRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public string? LifecyclePolicyText { get; init; }
}

public sealed record StartLifecyclePolicyPreviewResponse
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public string? LifecyclePolicyText { get; init; }
    public string? Status { get; init; }
}

/// <summary>Filter by tag status: <c>TAGGED</c>, <c>UNTAGGED</c>, <c>ANY</c>.</summary>
public sealed record TagStatusFilter
{
    public string? TagStatus { get; init; }
}

public sealed record DescribeImagesFilter
{
    public string? TagStatus { get; init; }
    public string? ImageStatus { get; init; }
}

public sealed record GetLifecyclePolicyPreviewRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public IReadOnlyList<ImageIdentifier>? ImageIds { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public TagStatusFilter? Filter { get; init; }
}

public sealed record LifecyclePolicyRuleAction
{
    public string? Type { get; init; }
    public string? TargetStorageClass { get; init; }
}

public sealed record LifecyclePolicyPreviewResult
{
    public IReadOnlyList<string>? ImageTags { get; init; }
    public string? ImageDigest { get; init; }
    public DateTimeOffset? ImagePushedAt { get; init; }
    public LifecyclePolicyRuleAction? Action { get; init; }
    public int? AppliedRulePriority { get; init; }
    public string? StorageClass { get; init; }
}

public sealed record LifecyclePolicyPreviewSummary
{
    public int? ExpiringImageTotalCount { get; init; }
}

public sealed record GetLifecyclePolicyPreviewResponse
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public string? LifecyclePolicyText { get; init; }
    public string? Status { get; init; }
    public string? NextToken { get; init; }
    public IReadOnlyList<LifecyclePolicyPreviewResult> PreviewResults { get; init; } = [];
    public LifecyclePolicyPreviewSummary? Summary { get; init; }
}

public sealed record SetRepositoryPolicyRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required string PolicyText { get; init; }
    public bool? Force { get; init; }
}

/// <summary>Response of Set/Get/DeleteRepositoryPolicy.</summary>
public sealed record RepositoryPolicyResponse
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public string? PolicyText { get; init; }
}

public sealed record PutImageTagMutabilityRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required string ImageTagMutability { get; init; }
    public IReadOnlyList<ImageTagMutabilityExclusionFilter>? ImageTagMutabilityExclusionFilters { get; init; }
}

public sealed record PutImageTagMutabilityResponse
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public string? ImageTagMutability { get; init; }
    public IReadOnlyList<ImageTagMutabilityExclusionFilter>? ImageTagMutabilityExclusionFilters { get; init; }
}

public sealed record PutImageScanningConfigurationRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required ImageScanningConfiguration ImageScanningConfiguration { get; init; }
}

public sealed record PutImageScanningConfigurationResponse
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public ImageScanningConfiguration? ImageScanningConfiguration { get; init; }
}

public sealed record EcrTagResourceRequest
{
    public required string ResourceArn { get; init; }
    public required IReadOnlyList<EcrTag> Tags { get; init; }
}

public sealed record EcrUntagResourceRequest
{
    public required string ResourceArn { get; init; }
    public required IReadOnlyList<string> TagKeys { get; init; }
}

public sealed record EcrListTagsForResourceRequest
{
    public required string ResourceArn { get; init; }
}

public sealed record EcrListTagsForResourceResponse
{
    public IReadOnlyList<EcrTag> Tags { get; init; } = [];
}

/// <summary>An image by digest and/or tag.</summary>
public sealed record ImageIdentifier
{
    public string? ImageDigest { get; init; }
    public string? ImageTag { get; init; }
}

public sealed record DescribeImagesRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public IReadOnlyList<ImageIdentifier>? ImageIds { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public DescribeImagesFilter? Filter { get; init; }
}

public sealed record ImageDetail
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public string? ImageDigest { get; init; }
    public IReadOnlyList<string>? ImageTags { get; init; }
    public long? ImageSizeInBytes { get; init; }
    public DateTimeOffset? ImagePushedAt { get; init; }
    public string? ImageManifestMediaType { get; init; }
    public string? ArtifactMediaType { get; init; }
    public DateTimeOffset? LastRecordedPullTime { get; init; }
    public string? ImageStatus { get; init; }
}

public sealed record DescribeImagesResponse
{
    public IReadOnlyList<ImageDetail> ImageDetails { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record ListImagesRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
    public TagStatusFilter? Filter { get; init; }
}

public sealed record ListImagesResponse
{
    public IReadOnlyList<ImageIdentifier> ImageIds { get; init; } = [];
    public string? NextToken { get; init; }
}

public sealed record BatchGetImageRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required IReadOnlyList<ImageIdentifier> ImageIds { get; init; }
    public IReadOnlyList<string>? AcceptedMediaTypes { get; init; }
}

public sealed record Image
{
    public string? RegistryId { get; init; }
    public string? RepositoryName { get; init; }
    public ImageIdentifier? ImageId { get; init; }
    public string? ImageManifest { get; init; }
    public string? ImageManifestMediaType { get; init; }
}

public sealed record ImageFailure
{
    public ImageIdentifier? ImageId { get; init; }
    public string? FailureCode { get; init; }
    public string? FailureReason { get; init; }
}

public sealed record BatchGetImageResponse
{
    public IReadOnlyList<Image> Images { get; init; } = [];
    public IReadOnlyList<ImageFailure> Failures { get; init; } = [];
}

public sealed record BatchDeleteImageRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required IReadOnlyList<ImageIdentifier> ImageIds { get; init; }
}

public sealed record BatchDeleteImageResponse
{
    public IReadOnlyList<ImageIdentifier> ImageIds { get; init; } = [];
    public IReadOnlyList<ImageFailure> Failures { get; init; } = [];
}

public sealed record PutImageRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required string ImageManifest { get; init; }
    public string? ImageManifestMediaType { get; init; }
    public string? ImageTag { get; init; }
    public string? ImageDigest { get; init; }
}

public sealed record PutImageResponse
{
    public Image? Image { get; init; }
}

public sealed record GetAuthorizationTokenRequest
{
    public IReadOnlyList<string>? RegistryIds { get; init; }
}

/// <summary>A registry login. <see cref="ToString"/> never prints the token.</summary>
public sealed record AuthorizationData
{
    /// <summary>base64("AWS:" + password). Secret.</summary>
    public string? AuthorizationToken { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? ProxyEndpoint { get; init; }

    /// <summary>Decodes the token into the docker user name (<c>AWS</c>) and password.</summary>
    /// <exception cref="FormatException">The token is not base64 of <c>user:password</c>.</exception>
    public (string UserName, string Password) DecodeCredentials()
    {
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(AuthorizationToken ?? ""));
        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            throw new FormatException("The ECR authorization token is not of the form user:password.");
        }

        return (decoded[..colon], decoded[(colon + 1)..]);
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AuthorizationToken = ***, ExpiresAt = ").Append(ExpiresAt).Append(", ProxyEndpoint = ").Append(ProxyEndpoint);
        return true;
    }
}

public sealed record GetAuthorizationTokenResponse
{
    public IReadOnlyList<AuthorizationData> AuthorizationData { get; init; } = [];
}

public sealed record BatchCheckLayerAvailabilityRequest
{
    public string? RegistryId { get; init; }
    public required string RepositoryName { get; init; }
    public required IReadOnlyList<string> LayerDigests { get; init; }
}

public sealed record Layer
{
    public string? LayerDigest { get; init; }
    public string? LayerAvailability { get; init; }
    public long? LayerSize { get; init; }
    public string? MediaType { get; init; }
}

public sealed record LayerFailure
{
    public string? LayerDigest { get; init; }
    public string? FailureCode { get; init; }
    public string? FailureReason { get; init; }
}

public sealed record BatchCheckLayerAvailabilityResponse
{
    public IReadOnlyList<Layer> Layers { get; init; } = [];
    public IReadOnlyList<LayerFailure> Failures { get; init; } = [];
}

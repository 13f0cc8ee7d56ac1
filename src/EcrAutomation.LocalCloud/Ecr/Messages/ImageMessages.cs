namespace EcrAutomation.LocalCloud.Ecr.Messages;

/// <summary>An image by digest, tag or both (<c>imageId</c>).</summary>
internal sealed record ImageIdentifier
{
    public string? ImageDigest { get; init; }

    public string? ImageTag { get; init; }
}

internal sealed record ImageFailure(ImageIdentifier ImageId, string FailureCode, string FailureReason);

/// <summary>The <c>filter</c> of DescribeImages, ListImages and GetLifecyclePolicyPreview.</summary>
internal sealed record TagStatusFilterMessage
{
    public string? TagStatus { get; init; }
}

/// <summary>A request that lists the images of a repository, optionally by id or tag status.</summary>
internal sealed record ImageListRequest : RepositoryRequest, IPagedRequest
{
    public List<ImageIdentifier?>? ImageIds { get; init; }

    public TagStatusFilterMessage? Filter { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

internal sealed record ImageDetail
{
    public required string RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required string ImageDigest { get; init; }

    public IReadOnlyList<string>? ImageTags { get; init; }

    public required long ImageSizeInBytes { get; init; }

    public required double ImagePushedAt { get; init; }

    public required string ImageManifestMediaType { get; init; }

    public string? ArtifactMediaType { get; init; }

    public double? LastRecordedPullTime { get; init; }

    public string? SubjectManifestDigest { get; init; }

    public required string ImageStatus { get; init; }
}

internal sealed record DescribeImagesResponse(IReadOnlyList<ImageDetail> ImageDetails, string? NextToken);

internal sealed record ListImagesResponse(IReadOnlyList<ImageIdentifier> ImageIds, string? NextToken);

/// <summary>The request of BatchGetImage and BatchDeleteImage.</summary>
internal sealed record BatchImageRequest : RepositoryRequest
{
    public List<ImageIdentifier?>? ImageIds { get; init; }

    public List<string?>? AcceptedMediaTypes { get; init; }
}

/// <summary>An image with its manifest (<c>Image</c> in ECR's model).</summary>
internal sealed record ImageMessage(string RegistryId, string RepositoryName, ImageIdentifier ImageId, string ImageManifest, string ImageManifestMediaType);

internal sealed record BatchGetImageResponse(IReadOnlyList<ImageMessage> Images, IReadOnlyList<ImageFailure> Failures);

internal sealed record BatchDeleteImageResponse(IReadOnlyList<ImageIdentifier> ImageIds, IReadOnlyList<ImageFailure> Failures);

internal sealed record PutImageRequest : RepositoryRequest
{
    public string? ImageManifest { get; init; }

    public string? ImageTag { get; init; }

    public string? ImageManifestMediaType { get; init; }

    public string? ImageDigest { get; init; }
}

internal sealed record PutImageResponse(ImageMessage Image);

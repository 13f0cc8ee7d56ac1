using System.Text.Json.Serialization;

namespace EcrAutomation.LocalCloud.Ecr.Messages;

/// <summary>A resource tag; ECR spells its members <c>Key</c> and <c>Value</c>.</summary>
internal sealed record TagMessage
{
    [JsonPropertyName("Key")]
    public string? Key { get; init; }

    [JsonPropertyName("Value")]
    public string? Value { get; init; }
}

internal sealed record ExclusionFilterMessage
{
    public string? FilterType { get; init; }

    public string? Filter { get; init; }
}

internal sealed record ImageScanningConfigurationMessage
{
    public bool? ScanOnPush { get; init; }
}

internal sealed record EncryptionConfigurationMessage
{
    public string? EncryptionType { get; init; }

    public string? KmsKey { get; init; }
}

/// <summary>A repository as ECR describes it.</summary>
internal sealed record RepositoryMessage
{
    public required string RepositoryArn { get; init; }

    public required string RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required string RepositoryUri { get; init; }

    public required double CreatedAt { get; init; }

    public required string ImageTagMutability { get; init; }

    public IReadOnlyList<ExclusionFilterMessage>? ImageTagMutabilityExclusionFilters { get; init; }

    public required ImageScanningConfigurationMessage ImageScanningConfiguration { get; init; }

    public required EncryptionConfigurationMessage EncryptionConfiguration { get; init; }
}

internal sealed record CreateRepositoryRequest : RepositoryRequest
{
    public List<TagMessage?>? Tags { get; init; }

    public string? ImageTagMutability { get; init; }

    public List<ExclusionFilterMessage?>? ImageTagMutabilityExclusionFilters { get; init; }

    public ImageScanningConfigurationMessage? ImageScanningConfiguration { get; init; }

    public EncryptionConfigurationMessage? EncryptionConfiguration { get; init; }
}

/// <summary>The answer of CreateRepository and DeleteRepository.</summary>
internal sealed record RepositoryResponse(RepositoryMessage Repository);

internal sealed record DescribeRepositoriesRequest : EcrRequest, IPagedRequest
{
    public List<string?>? RepositoryNames { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

internal sealed record DescribeRepositoriesResponse(IReadOnlyList<RepositoryMessage> Repositories, string? NextToken);

internal sealed record DeleteRepositoryRequest : RepositoryRequest
{
    public bool? Force { get; init; }
}

internal sealed record PutImageTagMutabilityRequest : RepositoryRequest
{
    public string? ImageTagMutability { get; init; }

    public List<ExclusionFilterMessage?>? ImageTagMutabilityExclusionFilters { get; init; }
}

internal sealed record PutImageTagMutabilityResponse(
    string RegistryId,
    string RepositoryName,
    string ImageTagMutability,
    IReadOnlyList<ExclusionFilterMessage>? ImageTagMutabilityExclusionFilters);

internal sealed record PutImageScanningConfigurationRequest : RepositoryRequest
{
    public ImageScanningConfigurationMessage? ImageScanningConfiguration { get; init; }
}

internal sealed record PutImageScanningConfigurationResponse(string RegistryId, string RepositoryName, ImageScanningConfigurationMessage ImageScanningConfiguration);

internal sealed record SetRepositoryPolicyRequest : RepositoryRequest
{
    public string? PolicyText { get; init; }
}

/// <summary>The answer of SetRepositoryPolicy, GetRepositoryPolicy and DeleteRepositoryPolicy.</summary>
internal sealed record RepositoryPolicyResponse(string RegistryId, string RepositoryName, string PolicyText);

/// <summary>The request of TagResource, UntagResource and ListTagsForResource.</summary>
internal sealed record ResourceTagsRequest : EcrRequest
{
    public string? ResourceArn { get; init; }

    public List<TagMessage?>? Tags { get; init; }

    public List<string?>? TagKeys { get; init; }
}

internal sealed record ListTagsForResourceResponse(IReadOnlyList<TagMessage> Tags);

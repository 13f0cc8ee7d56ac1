namespace EcrAutomation.LocalCloud.Ecr.Messages;

/// <summary>The request of the layer operations (BatchCheckLayerAvailability, the upload steps, GetDownloadUrlForLayer).</summary>
internal sealed record LayerRequest : RepositoryRequest
{
    public List<string?>? LayerDigests { get; init; }

    public string? LayerDigest { get; init; }

    public string? UploadId { get; init; }

    public long? PartFirstByte { get; init; }

    public long? PartLastByte { get; init; }

    /// <summary>Base64, decoded by the handler so that bad content is an InvalidParameterException as in ECR.</summary>
    public string? LayerPartBlob { get; init; }
}

internal sealed record LayerMessage(string LayerDigest, string LayerAvailability, long LayerSize);

internal sealed record LayerFailure(string? LayerDigest, string FailureCode, string FailureReason);

internal sealed record BatchCheckLayerAvailabilityResponse(IReadOnlyList<LayerMessage> Layers, IReadOnlyList<LayerFailure> Failures);

internal sealed record InitiateLayerUploadResponse(string UploadId, int PartSize);

internal sealed record UploadLayerPartResponse(string RegistryId, string RepositoryName, string UploadId, long LastByteReceived);

internal sealed record CompleteLayerUploadResponse(string RegistryId, string RepositoryName, string UploadId, string LayerDigest);

internal sealed record GetDownloadUrlForLayerResponse(string DownloadUrl, string LayerDigest);

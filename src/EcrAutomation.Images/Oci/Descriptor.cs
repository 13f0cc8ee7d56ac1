using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// A content descriptor (<see href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">OCI descriptor</see>).
/// </summary>
public sealed record Descriptor
{
    /// <summary>Media type of the referenced content.</summary>
    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary>Digest of the referenced content's exact bytes.</summary>
    [JsonPropertyName("digest")]
    public required Digest Digest { get; init; }

    /// <summary>Size in bytes of the referenced content.</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>Optional download URLs (foreign layers).</summary>
    [JsonPropertyName("urls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>Optional annotations.</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Platform of a manifest inside an index.</summary>
    [JsonPropertyName("platform")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Platform? Platform { get; init; }

    /// <summary>Optional artifact type.</summary>
    [JsonPropertyName("artifactType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ArtifactType { get; init; }
}

using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// A multi-platform image index or Docker manifest list
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">OCI index</see>).
/// </summary>
public sealed record ImageIndex
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    /// <summary><see cref="MediaTypes.OciIndex"/> or <see cref="MediaTypes.DockerManifestList"/>.</summary>
    [JsonPropertyName("mediaType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MediaType { get; init; }

    /// <summary>The per-platform manifests.</summary>
    [JsonPropertyName("manifests")]
    public required IReadOnlyList<Descriptor> Manifests { get; init; }

    /// <summary>Optional annotations.</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// The image configuration blob
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</see>).
/// Unknown members of a pulled config are kept in <see cref="Extra"/> so they survive a rebuild on top of it.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>Creation time, RFC 3339. Builders set a fixed value so digests are reproducible.</summary>
    [JsonPropertyName("created")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Created { get; init; }

    /// <summary>Optional author.</summary>
    [JsonPropertyName("author")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Author { get; init; }

    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>Optional CPU variant.</summary>
    [JsonPropertyName("variant")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }

    /// <summary>Execution parameters for containers.</summary>
    [JsonPropertyName("config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContainerConfig? Config { get; init; }

    /// <summary>The layer diff ids (digests of the uncompressed tars).</summary>
    [JsonPropertyName("rootfs")]
    public required RootFs RootFs { get; init; }

    /// <summary>History, one entry per instruction; entries with <see cref="HistoryEntry.EmptyLayer"/> have no layer.</summary>
    [JsonPropertyName("history")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HistoryEntry>? History { get; init; }

    /// <summary>Members this model does not know, kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

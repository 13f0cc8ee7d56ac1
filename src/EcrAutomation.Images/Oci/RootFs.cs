using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>The <c>rootfs</c> member of an image config.</summary>
public sealed record RootFs
{
    /// <summary>Always <c>layers</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "layers";

    /// <summary>Digests of the uncompressed layer tars, base first.</summary>
    [JsonPropertyName("diff_ids")]
    public required IReadOnlyList<Digest> DiffIds { get; init; }
}

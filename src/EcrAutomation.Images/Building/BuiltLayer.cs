using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building;

/// <summary>A layer of a built image: built locally, or reused from a base image by digest.</summary>
public sealed record BuiltLayer
{
    /// <summary>The layer descriptor as it appears in the manifest.</summary>
    public required Descriptor Descriptor { get; init; }

    /// <summary>Digest of the uncompressed tar.</summary>
    public required Digest DiffId { get; init; }

    /// <summary>Local blob file, when the layer was built or downloaded.</summary>
    public string? LocalPath { get; init; }

    /// <summary>Registry of the base image the layer came from, if any.</summary>
    public string? SourceRegistry { get; init; }

    /// <summary>Repository of the base image the layer came from, if any.</summary>
    public string? SourceRepository { get; init; }

    /// <summary>The instruction that produced it (for diagnostics).</summary>
    public string? CreatedBy { get; init; }
}

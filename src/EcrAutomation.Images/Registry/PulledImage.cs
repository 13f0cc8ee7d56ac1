using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>A pulled single-platform image: manifest (exact bytes), parsed manifest and config.</summary>
public sealed record PulledImage
{
    /// <summary>Registry host it came from.</summary>
    public required string Registry { get; init; }

    /// <summary>Repository it came from.</summary>
    public required string Repository { get; init; }

    /// <summary>The platform manifest (after resolving an index).</summary>
    public required ManifestContent ManifestContent { get; init; }

    /// <summary>The parsed manifest.</summary>
    public required ImageManifest Manifest { get; init; }

    /// <summary>The exact config bytes.</summary>
    public required ReadOnlyMemory<byte> ConfigBytes { get; init; }

    /// <summary>The parsed config.</summary>
    public required ImageConfig Config { get; init; }
}

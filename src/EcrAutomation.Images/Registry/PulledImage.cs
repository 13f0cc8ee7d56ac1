using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>A pulled single-platform image: manifest (exact bytes), parsed manifest and config.</summary>
public sealed record PulledImage
{
    /// <summary>The registry host the image was pulled from; a build based on it mounts or copies its layers from there.</summary>
    public required string Registry { get; init; }

    /// <summary>The repository the image was pulled from, on <see cref="Registry"/>.</summary>
    public required string Repository { get; init; }

    /// <summary>The platform manifest (after resolving an index).</summary>
    public required ManifestContent ManifestContent { get; init; }

    /// <summary>The single-image manifest; an index was already resolved to the requested platform.</summary>
    public required ImageManifest Manifest { get; init; }

    /// <summary>The config exactly as stored and digest-verified; reuse these bytes instead of re-serialising <see cref="Config"/>, which could change the digest.</summary>
    public required ReadOnlyMemory<byte> ConfigBytes { get; init; }

    /// <summary>The config parsed from <see cref="ConfigBytes"/> (platform, environment, entrypoint, history, diff ids).</summary>
    public required ImageConfig Config { get; init; }
}

using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>An image to push: manifest bytes, plus every blob it references (config and layers).</summary>
public sealed record ImagePushRequest
{
    /// <summary>Target repository, e.g. <c>demo/app</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>Tag to set; null pushes by digest only.</summary>
    public string? Tag { get; init; }

    /// <summary>The exact manifest bytes to put (last, after every blob).</summary>
    public required ManifestContent Manifest { get; init; }

    /// <summary>The config and layer blobs the manifest references; a blob listed twice is pushed once.</summary>
    public required IReadOnlyList<BlobSource> Blobs { get; init; }

    /// <summary>Gives a client for a source registry when a blob must be streamed from another registry.</summary>
    public Func<string, RegistryClient>? SourceClients { get; init; }

    /// <summary>Receives one line per blob and one for the manifest (for the engine's diagnostics).</summary>
    public IProgress<string>? Progress { get; init; }
}

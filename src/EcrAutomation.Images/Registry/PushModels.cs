using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>
/// A blob to push and where its bytes come from: a local file, a stream factory, and/or another repository
/// (mounted when it is on the same registry, streamed from <see cref="SourceRegistry"/> otherwise).
/// </summary>
public sealed record BlobSource
{
    /// <summary>The blob's descriptor; its digest and size are verified by the registry.</summary>
    public required Descriptor Descriptor { get; init; }

    /// <summary>Local file holding the bytes.</summary>
    public string? FilePath { get; init; }

    /// <summary>Opens the bytes; called again on every retry.</summary>
    public Func<CancellationToken, Task<Stream>>? OpenAsync { get; init; }

    /// <summary>Registry host the blob already lives on (for a base image layer).</summary>
    public string? SourceRegistry { get; init; }

    /// <summary>Repository on <see cref="SourceRegistry"/> the blob already lives in.</summary>
    public string? SourceRepository { get; init; }

    /// <summary>A blob backed by a local file.</summary>
    public static BlobSource FromFile(Descriptor descriptor, string path) => new() { Descriptor = descriptor, FilePath = path };

    /// <summary>A blob backed by bytes in memory.</summary>
    public static BlobSource FromBytes(Descriptor descriptor, ReadOnlyMemory<byte> bytes) =>
        new() { Descriptor = descriptor, OpenAsync = _ => Task.FromResult<Stream>(new MemoryStream(bytes.ToArray(), writable: false)) };
}

/// <summary>What happened to one blob during a push.</summary>
public enum BlobPushOutcome
{
    /// <summary>The registry already had it (HEAD 200); nothing was sent.</summary>
    AlreadyExists,

    /// <summary>It was mounted from another repository of the same registry; nothing was sent.</summary>
    Mounted,

    /// <summary>Its bytes were uploaded.</summary>
    Uploaded,
}

/// <summary>The result of pushing one blob.</summary>
public sealed record BlobPushResult(Descriptor Descriptor, BlobPushOutcome Outcome, long BytesUploaded);

/// <summary>An image to push: manifest bytes, plus every blob it references (config and layers).</summary>
public sealed record ImagePushRequest
{
    /// <summary>Target repository, e.g. <c>demo/app</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>Tag to set; null pushes by digest only.</summary>
    public string? Tag { get; init; }

    /// <summary>The exact manifest bytes to put (last, after every blob).</summary>
    public required ManifestContent Manifest { get; init; }

    /// <summary>The config and layer blobs.</summary>
    public required IReadOnlyList<BlobSource> Blobs { get; init; }

    /// <summary>Gives a client for a source registry when a blob must be streamed from another registry.</summary>
    public Func<string, RegistryClient>? SourceClients { get; init; }

    /// <summary>Receives one line per blob and one for the manifest (for the engine's diagnostics).</summary>
    public IProgress<string>? Progress { get; init; }
}

/// <summary>The result of a push: the manifest digest and how many bytes were really sent.</summary>
public sealed record PushResult
{
    /// <summary>Digest of the pushed manifest.</summary>
    public required Digest ManifestDigest { get; init; }

    /// <summary>Per-blob outcomes.</summary>
    public required IReadOnlyList<BlobPushResult> Blobs { get; init; }

    /// <summary>Whether the manifest was sent (false when the tag already pointed at the same digest).</summary>
    public required bool ManifestUploaded { get; init; }

    /// <summary>Blob bytes sent over the wire.</summary>
    public long BytesUploaded => Blobs.Sum(b => b.BytesUploaded);

    /// <summary>Blob bytes not sent because the registry had them or mounted them.</summary>
    public long BytesSkipped => Blobs.Where(b => b.Outcome != BlobPushOutcome.Uploaded).Sum(b => b.Descriptor.Size);
}

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

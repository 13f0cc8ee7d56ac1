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

    /// <summary>A local file holding the bytes (e.g. a layer in a <see cref="Oci.ContentStore"/>); it is opened again on every retry.</summary>
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

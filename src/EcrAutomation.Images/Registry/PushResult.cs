using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

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

using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>The result of a push: the manifest digest and how many bytes were really sent.</summary>
public sealed record PushResult
{
    /// <summary>The digest of the pushed manifest: the immutable reference of the image (<c>repo@digest</c>), whatever the tag points at later.</summary>
    public required Digest ManifestDigest { get; init; }

    /// <summary>What happened to each distinct blob (already there, mounted or uploaded), in the order of the request.</summary>
    public required IReadOnlyList<BlobPushResult> Blobs { get; init; }

    /// <summary>Whether the manifest was sent (false when the tag already pointed at the same digest).</summary>
    public required bool ManifestUploaded { get; init; }

    /// <summary>Blob bytes actually sent; mounted and existing blobs count zero, which is how a no-op push shows.</summary>
    public long BytesUploaded => Blobs.Sum(b => b.BytesUploaded);

    /// <summary>Blob bytes not sent because the registry had them or mounted them.</summary>
    public long BytesSkipped => Blobs.Where(b => b.Outcome != BlobPushOutcome.Uploaded).Sum(b => b.Descriptor.Size);
}

namespace EcrAutomation.LocalCloud.Storage;

/// <summary>Persisted metadata of one image (one manifest digest); the manifest bytes are a blob.</summary>
internal sealed class ImageRecord
{
    public required string Digest { get; set; }

    public required string MediaType { get; set; }

    public string? ArtifactMediaType { get; set; }

    public long ManifestSize { get; set; }

    public long ImageSizeInBytes { get; set; }

    public DateTimeOffset PushedAt { get; set; }

    public DateTimeOffset? LastPulledAt { get; set; }

    /// <summary>Tags, most recently added last.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Config and layer blobs (image manifests).</summary>
    public List<string> BlobDigests { get; set; } = [];

    /// <summary>Child manifests (indexes).</summary>
    public List<string> ChildManifests { get; set; } = [];

    public string? SubjectDigest { get; set; }

    /// <summary>OCI 1.1 artifact type (for the referrers API).</summary>
    public string? ArtifactType { get; set; }

    /// <summary>Manifest annotations (for the referrers API).</summary>
    public Dictionary<string, string>? Annotations { get; set; }

    public ImageRecord Clone()
    {
        var copy = (ImageRecord)MemberwiseClone();
        copy.Tags = [.. Tags];
        copy.BlobDigests = [.. BlobDigests];
        copy.ChildManifests = [.. ChildManifests];
        return copy;
    }
}

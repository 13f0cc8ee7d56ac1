namespace EcrAutomation.LocalCloud.Storage;

/// <summary>Persisted state of one repository (one JSON file per repository).</summary>
internal sealed class RepositoryRecord
{
    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string ImageTagMutability { get; set; } = "MUTABLE";

    public List<ExclusionFilterRecord> ImageTagMutabilityExclusionFilters { get; set; } = [];

    public bool ScanOnPush { get; set; }

    public string EncryptionType { get; set; } = "AES256";

    public string? KmsKey { get; set; }

    public List<TagRecord> Tags { get; set; } = [];

    public string? RepositoryPolicyText { get; set; }

    public string? LifecyclePolicyText { get; set; }

    public DateTimeOffset? LifecyclePolicyLastEvaluatedAt { get; set; }

    public LifecyclePreviewRecord? LifecyclePreview { get; set; }

    public Dictionary<string, ImageRecord> Images { get; set; } = new(StringComparer.Ordinal);

    public ImageRecord? FindByTag(string tag)
    {
        foreach (var image in Images.Values)
        {
            if (image.Tags.Contains(tag, StringComparer.Ordinal))
            {
                return image;
            }
        }

        return null;
    }

    public ImageRecord? FindByReference(string reference)
        => reference.Contains(':', StringComparison.Ordinal)
            ? Images.GetValueOrDefault(reference)
            : FindByTag(reference);

    public RepositoryRecord Clone()
    {
        var copy = (RepositoryRecord)MemberwiseClone();
        copy.ImageTagMutabilityExclusionFilters = [.. ImageTagMutabilityExclusionFilters];
        copy.Tags = [.. Tags];
        copy.Images = Images.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
        return copy;
    }
}

/// <summary>One wildcard exclusion filter of a tag mutability setting.</summary>
internal sealed record ExclusionFilterRecord(string FilterType, string Filter);

/// <summary>A resource tag.</summary>
internal sealed record TagRecord(string Key, string Value);

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

/// <summary>The last lifecycle policy preview of a repository.</summary>
internal sealed class LifecyclePreviewRecord
{
    public required string PolicyText { get; set; }

    public string Status { get; set; } = "COMPLETE";

    public List<LifecyclePreviewEntry> Results { get; set; } = [];
}

/// <summary>One image a preview would expire.</summary>
internal sealed record LifecyclePreviewEntry(string ImageDigest, List<string> ImageTags, DateTimeOffset ImagePushedAt, int AppliedRulePriority);

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

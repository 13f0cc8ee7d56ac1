namespace EcrAutomation.LocalCloud.Storage;

/// <summary>The last lifecycle policy preview of a repository.</summary>
internal sealed class LifecyclePreviewRecord
{
    public required string PolicyText { get; set; }

    public string Status { get; set; } = "COMPLETE";

    public List<LifecyclePreviewEntry> Results { get; set; } = [];
}

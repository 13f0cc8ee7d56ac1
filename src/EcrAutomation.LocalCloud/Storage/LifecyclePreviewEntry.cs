namespace EcrAutomation.LocalCloud.Storage;

/// <summary>One image a preview would expire.</summary>
internal sealed record LifecyclePreviewEntry(string ImageDigest, List<string> ImageTags, DateTimeOffset ImagePushedAt, int AppliedRulePriority);

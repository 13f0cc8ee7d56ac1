namespace EcrAutomation.LocalCloud;

/// <summary>One image deleted by a lifecycle rule.</summary>
public sealed record ExpiredImageInfo(string RepositoryName, string ImageDigest, IReadOnlyList<string> ImageTags, int AppliedRulePriority);

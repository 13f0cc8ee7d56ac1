namespace EcrAutomation.LocalCloud.Storage;

/// <summary>One wildcard exclusion filter of a tag mutability setting.</summary>
internal sealed record ExclusionFilterRecord(string FilterType, string Filter);

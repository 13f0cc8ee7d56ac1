namespace EcrAutomation.LocalCloud.Storage;

/// <summary>A resource tag.</summary>
internal sealed record TagRecord(string Key, string Value);

namespace EcrAutomation.Providers;

/// <summary>An asset or archive: content identified by a hash, given as text, a path or a URI.</summary>
public sealed record AssetValue(string Hash, string? Text = null, string? Path = null, string? Uri = null);

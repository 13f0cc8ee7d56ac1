namespace EcrAutomation.Providers;

/// <summary>An asset or archive: content identified by a hash, given as text, a path or a URI.</summary>
/// <param name="Hash">The SHA-256 of the content, which identifies it.</param>
/// <param name="Text">The content as text, for a string asset.</param>
/// <param name="Path">The file or folder the content comes from.</param>
/// <param name="Uri">The URI the content comes from.</param>
public sealed record AssetValue(string Hash, string? Text = null, string? Path = null, string? Uri = null);

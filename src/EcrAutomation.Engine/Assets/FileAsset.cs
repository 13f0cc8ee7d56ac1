using EcrAutomation.Providers;

namespace EcrAutomation.Assets;

/// <summary>
/// An asset whose content is a file, like Pulumi's <c>FileAsset</c>. The file is read (and hashed) when the resource
/// using it registers; a relative path resolves against the process's current directory.
/// </summary>
/// <param name="path">The file.</param>
public sealed class FileAsset(string path) : Asset
{
    /// <summary>The file, as given.</summary>
    public string Path { get; } = path;

    internal override PropertyValue ToPropertyValue() => PropertyValue.Asset(new AssetValue(HashOf(Path), Path: Path));

    internal static string HashOf(string path)
    {
        try { return Sha256(File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileNotFoundException($"the file asset '{path}' cannot be read: {e.Message}", path, e);
        }
    }
}

using EcrAutomation.Providers;

namespace EcrAutomation.Assets;

/// <summary>
/// An archive whose content is a folder (every file under it, by relative path) or an archive file (its bytes), like
/// Pulumi's <c>FileArchive</c>. A relative path resolves against the process's current directory.
/// </summary>
/// <param name="path">The folder or archive file.</param>
public sealed class FileArchive(string path) : Archive
{
    /// <summary>The folder or archive file, as given.</summary>
    public string Path { get; } = path;

    internal override PropertyValue ToPropertyValue() => PropertyValue.Archive(new AssetValue(ComputeHash(), Path: Path));

    internal override string ComputeHash()
    {
        if (File.Exists(Path)) return FileAsset.HashOf(Path);
        if (!Directory.Exists(Path))
            throw new DirectoryNotFoundException($"the file archive '{Path}' is neither a folder nor a file");
        return HashOfMembers(Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => (System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/'), FileAsset.HashOf(f))));
    }
}

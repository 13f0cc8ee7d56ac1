namespace EcrAutomation.Images.Building;

/// <summary>The kind of a file-system entry.</summary>
public enum FileEntryKind
{
    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    Symlink,
}

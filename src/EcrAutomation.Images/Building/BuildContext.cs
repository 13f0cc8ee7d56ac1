namespace EcrAutomation.Images.Building;

/// <summary>The files of a build context that survive <c>.dockerignore</c>, in ordinal path order.</summary>
public sealed class BuildContext
{
    private readonly Dictionary<string, ContextEntry> _byPath;

    private BuildContext(string root, IReadOnlyList<ContextEntry> entries)
    {
        Root = root;
        Entries = entries;
        _byPath = entries.ToDictionary(e => e.RelativePath, StringComparer.Ordinal);
    }

    /// <summary>The absolute context directory that the entries' relative paths start from.</summary>
    public string Root { get; }

    /// <summary>Every included entry (files, directories, symlinks), sorted by ordinal relative path.</summary>
    public IReadOnlyList<ContextEntry> Entries { get; }

    /// <summary>Looks up an included entry by relative path.</summary>
    public ContextEntry? Find(string relativePath) => _byPath.GetValueOrDefault(relativePath);

    /// <summary>Scans a context directory, applying the ignore rules. File-system order never matters: entries are sorted.</summary>
    public static BuildContext Scan(string root, DockerIgnore ignore)
    {
        ArgumentNullException.ThrowIfNull(ignore);
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The build context '{root}' does not exist.");
        }

        var entries = new List<ContextEntry>();
        Walk(root, string.Empty, ignore, entries);
        // A '!' exception can re-include a file under an excluded directory: its parents must then exist too.
        var present = new HashSet<string>(entries.Select(e => e.RelativePath), StringComparer.Ordinal);
        foreach (var entry in entries.ToList())
        {
            var parent = ParentOf(entry.RelativePath);
            while (parent.Length > 0 && present.Add(parent))
            {
                var full = Path.Combine(root, parent);
                entries.Add(new ContextEntry(parent, full, FileEntryKind.Directory, ModeOf(full, FileEntryKind.Directory), 0, null));
                parent = ParentOf(parent);
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return new BuildContext(root, entries);
    }

    internal static string ParentOf(string relativePath)
    {
        var slash = relativePath.LastIndexOf('/');
        return slash < 0 ? string.Empty : relativePath[..slash];
    }

    internal static UnixFileMode ModeOf(string path, FileEntryKind kind)
    {
        if (OperatingSystem.IsWindows())
        {
            return kind == FileEntryKind.Directory ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100;
        }

        return File.GetUnixFileMode(path) & (UnixFileMode)0xFFF;
    }

    private static void Walk(string root, string relative, DockerIgnore ignore, List<ContextEntry> entries)
    {
        var directory = relative.Length == 0 ? root : Path.Combine(root, relative);
        foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
            var excluded = ignore.IsExcluded(path);
            var isLink = info.LinkTarget is not null;
            if (info is DirectoryInfo && !isLink)
            {
                if (!excluded)
                {
                    entries.Add(new ContextEntry(path, info.FullName, FileEntryKind.Directory, ModeOf(info.FullName, FileEntryKind.Directory), 0, null));
                }

                if (!excluded || ignore.HasExceptions)
                {
                    Walk(root, path, ignore, entries);
                }

                continue;
            }

            if (excluded)
            {
                continue;
            }

            if (isLink)
            {
                entries.Add(new ContextEntry(path, info.FullName, FileEntryKind.Symlink, (UnixFileMode)0b111_111_111, 0, info.LinkTarget));
            }
            else
            {
                entries.Add(new ContextEntry(path, info.FullName, FileEntryKind.File, ModeOf(info.FullName, FileEntryKind.File), ((FileInfo)info).Length, null));
            }
        }
    }
}

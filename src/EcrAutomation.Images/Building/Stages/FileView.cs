namespace EcrAutomation.Images.Building.Stages;

/// <summary>A sorted, prefix-searchable view of a file tree (a build context or a stage's file system).</summary>
internal sealed class FileView
{
    private readonly string[] _keys;
    private readonly Dictionary<string, LayerEntry> _entries;

    public FileView(Dictionary<string, LayerEntry> entries)
    {
        _entries = entries;
        _keys = entries.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<string> Keys => _keys;

    public LayerEntry? Find(string path) => _entries.GetValueOrDefault(path);

    public bool IsDirectory(string path) =>
        path.Length == 0 || Find(path)?.Kind == FileEntryKind.Directory || (Find(path) is null && Below(path).Any());

    public IEnumerable<LayerEntry> Below(string directory)
    {
        if (directory.Length == 0)
        {
            foreach (var key in _keys)
            {
                yield return _entries[key];
            }

            yield break;
        }

        var prefix = directory + "/";
        var start = Array.BinarySearch(_keys, prefix, StringComparer.Ordinal);
        for (var i = start < 0 ? ~start : start; i < _keys.Length && _keys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _entries[_keys[i]];
        }
    }
}

using System.Security.Cryptography;

namespace EcrAutomation.State;

/// <summary>
/// State in a folder (<c>file://</c>), exactly as before the storage seam: every write goes to a temp file (fsync) and
/// one rename puts it in place, so a file exists whole at every instant. ETags are the content's SHA-256. A create
/// (<see cref="StateWriteCondition.Absent"/>) links the temp file into place, which fails atomically when the file exists;
/// a write or delete under <c>If-Match</c> holds an exclusive advisory lock on the file while it compares and replaces.
/// </summary>
internal sealed class FileStateStorage : IStateStorage
{
    private const int TempSuffixLength = 8;
    private const int BusyRetries = 200;

    public FileStateStorage(string root) => Root = Path.GetFullPath(root);

    /// <summary>The folder that holds <c>.pulumi</c>.</summary>
    public string Root { get; }

    public string Url => "file://" + Root;

    public bool IsLocal => true;

    /// <summary>Called after each file operation on a stack's files (checkpoint, backup, tags, journal): tests use it to inspect every intermediate layout.</summary>
    internal Action? AfterFileOperation { get; set; }

    private void Operated(string key)
    {
        if (key.StartsWith(".pulumi/stacks/", StringComparison.Ordinal)) AfterFileOperation?.Invoke();
    }

    public string Describe(string key) => PathOf(key);

    /// <summary>The file of <paramref name="key"/>, proven to stay inside the root.</summary>
    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{key}' leads outside '{Root}'", nameof(key));
        return path;
    }

    public StoredObject? Get(string key)
    {
        var path = PathOf(key);
        return WhileBusy(() =>
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                return new StoredObject(bytes, ETagOf(bytes));
            }
            catch (FileNotFoundException) { return null; }
            catch (DirectoryNotFoundException) { return null; }
        });
    }

    public string Put(string key, ReadOnlyMemory<byte> content, StateWriteCondition condition)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = TempFor(path);
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(content.Span);
            stream.Flush(flushToDisk: true);
        }
        Operated(key);
        try
        {
            if (condition.IfAbsent)
            {
                if (!NoReplaceMove.TryMove(temp, path)) throw new StateConditionFailedException($"'{path}' already exists");
            }
            else if (condition.ETag is { } expected)
            {
                WhileBusy(() =>
                {
                    using var guard = OpenExclusive(path) ?? throw new StateConditionFailedException($"'{path}' does not exist");
                    RequireETag(path, guard, expected);
                    File.Move(temp, path, overwrite: true);
                    return true;
                });
            }
            else File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        Operated(key);
        return ETagOf(content.Span);
    }

    public void Copy(string sourceKey, string destinationKey)
    {
        var destination = PathOf(destinationKey);
        var temp = TempFor(destination);
        File.Copy(PathOf(sourceKey), temp);
        Operated(destinationKey);
        File.Move(temp, destination, overwrite: true);
        Operated(destinationKey);
    }

    public bool Delete(string key, string? ifMatch = null)
    {
        var path = PathOf(key);
        if (ifMatch is null)
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            Operated(key);
            return true;
        }
        return WhileBusy(() =>
        {
            using var guard = OpenExclusive(path) ?? throw new StateConditionFailedException($"'{path}' does not exist");
            RequireETag(path, guard, ifMatch);
            File.Delete(path);
            return true;
        });
    }

    public IReadOnlyList<string> List(string prefix)
    {
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? Root : PathOf(prefix[..slash]);
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
    }

    public void DiscardIncompleteWrites(string key)
    {
        var path = PathOf(key);
        var dir = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(dir)) return;
        var prefix = path + ".tmp-";
        foreach (var leftover in Directory.EnumerateFiles(dir, Path.GetFileName(path) + ".tmp-*")
            .Where(f => f.Length == prefix.Length + TempSuffixLength && f.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            File.Delete(leftover);
    }

    internal static string ETagOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string TempFor(string path) => path + ".tmp-" + Guid.NewGuid().ToString("N")[..TempSuffixLength];

    /// <summary>The file opened with an exclusive advisory lock (other conditional writers and readers wait), or null when it does not exist.</summary>
    private static FileStream? OpenExclusive(string path)
    {
        try { return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None); }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    private static void RequireETag(string path, FileStream guard, string expected)
    {
        using var buffer = new MemoryStream();
        guard.CopyTo(buffer);
        if (ETagOf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) != expected)
            throw new StateConditionFailedException($"'{path}' was changed by another process");
    }

    /// <summary>Retries while another process holds the file's advisory lock (a conditional write takes milliseconds).</summary>
    private static T WhileBusy<T>(Func<T> action)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { return action(); }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && attempt < BusyRetries && IsSharingViolation(e))
            {
                Thread.Sleep(5);
            }
        }
    }

    private static bool IsSharingViolation(IOException e) => e.GetType() == typeof(IOException);
}

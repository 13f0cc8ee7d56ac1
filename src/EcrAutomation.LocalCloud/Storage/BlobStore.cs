using System.Collections.Concurrent;

namespace EcrAutomation.LocalCloud.Storage;

/// <summary>
/// Content-addressed blob storage shared by all repositories: <c>blobs/sha256/&lt;2 hex&gt;/&lt;64 hex&gt;</c>.
/// Blobs are written to a temporary file, flushed to disk and renamed into place, so a crash never leaves
/// a partial blob visible and concurrent writers of the same content cannot corrupt each other.
/// Upload sessions live in <c>uploads/&lt;uuid&gt;</c> and are discarded on restart.
/// </summary>
internal sealed class BlobStore
{
    private readonly string _blobRoot;
    private readonly string _uploadRoot;
    private readonly ConcurrentDictionary<string, UploadSession> _uploads = new(StringComparer.Ordinal);

    public BlobStore(string dataDirectory)
    {
        _blobRoot = Path.Combine(dataDirectory, "blobs", "sha256");
        _uploadRoot = Path.Combine(dataDirectory, "uploads");
        Directory.CreateDirectory(_blobRoot);
        if (Directory.Exists(_uploadRoot))
        {
            Directory.Delete(_uploadRoot, recursive: true);
        }

        Directory.CreateDirectory(_uploadRoot);

        // Temp files of writes interrupted by a crash (never visible as blobs) are removed on start.
        foreach (var temp in Directory.EnumerateFiles(_blobRoot, ".*.tmp-*", SearchOption.AllDirectories))
        {
            AtomicFile.TryDelete(temp);
        }
    }

    public string PathOf(string digest) => Path.Combine(_blobRoot, digest.Substring(7, 2), digest[7..]);

    public bool Exists(string digest) => Digests.IsSha256(digest) && File.Exists(PathOf(digest));

    public long? SizeOf(string digest)
    {
        if (!Digests.IsSha256(digest))
        {
            return null;
        }

        var info = new FileInfo(PathOf(digest));
        return info.Exists ? info.Length : null;
    }

    public async Task<byte[]?> ReadAllBytesAsync(string digest, CancellationToken cancellationToken = default)
    {
        if (!Digests.IsSha256(digest))
        {
            return null;
        }

        try
        {
            return await File.ReadAllBytesAsync(PathOf(digest), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stores bytes whose digest the caller already computed.</summary>
    public async Task PutAsync(string digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var target = PathOf(digest);
        if (File.Exists(target))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await AtomicFile.WriteAllBytesAsync(target, content, cancellationToken).ConfigureAwait(false);
    }

    public void Delete(string digest)
    {
        if (Digests.IsSha256(digest))
        {
            AtomicFile.TryDelete(PathOf(digest));
        }
    }

    /// <summary>All stored blob digests.</summary>
    public IEnumerable<string> Enumerate()
    {
        foreach (var dir in Directory.EnumerateDirectories(_blobRoot))
        {
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (name.Length == 64 && !name.StartsWith('.'))
                {
                    yield return "sha256:" + name;
                }
            }
        }
    }

    public UploadSession StartUpload(string repositoryName)
    {
        var id = Guid.NewGuid().ToString();
        var session = new UploadSession(id, repositoryName, Path.Combine(_uploadRoot, id));
        _uploads[id] = session;
        return session;
    }

    public UploadSession? FindUpload(string uploadId)
        => _uploads.TryGetValue(uploadId, out var session) ? session : null;

    /// <summary>Discards uploads idle for longer than <paramref name="maxIdle"/> (abandoned pushes).</summary>
    public int PruneUploads(TimeSpan maxIdle)
    {
        var pruned = 0;
        foreach (var session in _uploads.Values)
        {
            if (session.IdleFor > maxIdle && session.Gate.Wait(0))
            {
                try
                {
                    _uploads.TryRemove(session.Id, out _);
                    session.Dispose();
                    AtomicFile.TryDelete(session.FilePath);
                    pruned++;
                }
                finally
                {
                    session.Gate.Release();
                }
            }
        }

        return pruned;
    }

    public void CancelUpload(UploadSession session)
    {
        _uploads.TryRemove(session.Id, out _);
        session.Dispose();
        AtomicFile.TryDelete(session.FilePath);
    }

    /// <summary>
    /// Flushes the upload, checks its digest, calls <paramref name="verified"/> and renames it into the store. Returns
    /// false (and keeps the session, calling nothing) when the content does not match <paramref name="expectedDigest"/>.
    /// </summary>
    public async Task<bool> CompleteUploadAsync(UploadSession session, string expectedDigest, Action verified, CancellationToken cancellationToken = default)
    {
        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var actual = session.CurrentDigest();
            if (!string.Equals(actual, expectedDigest, StringComparison.Ordinal))
            {
                return false;
            }

            verified();

            session.CloseFile();
            var target = PathOf(actual);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                AtomicFile.TryDelete(session.FilePath);
            }
            else
            {
                File.Move(session.FilePath, target, overwrite: true);
            }

            _uploads.TryRemove(session.Id, out _);
            session.Dispose();
            return true;
        }
        finally
        {
            session.Gate.Release();
        }
    }
}

using System.Security.Cryptography;

namespace EcrAutomation.LocalCloud.Storage;

/// <summary>One in-progress blob upload: an append-only temp file plus a running sha256.</summary>
internal sealed class UploadSession : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private FileStream? _file;
    private long _lastActivity = Environment.TickCount64;

    public UploadSession(string id, string repositoryName, string filePath)
    {
        Id = id;
        RepositoryName = repositoryName;
        FilePath = filePath;
        _file = new FileStream(filePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 81920, FileOptions.Asynchronous);
    }

    public string Id { get; }

    public string RepositoryName { get; }

    public string FilePath { get; }

    public long Length { get; private set; }

    /// <summary>Time since the last append (monotonic clock; used only to discard abandoned uploads).</summary>
    public TimeSpan IdleFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastActivity);

    /// <summary>Length of the previous ECR UploadLayerPart part (null before the first part).</summary>
    public long? LastPartLength { get; set; }

    /// <summary>Serialises appends and completion of this session.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public async Task AppendAsync(Stream source, CancellationToken cancellationToken = default)
    {
        var file = _file ?? throw new InvalidOperationException("Upload is closed.");
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            _hash.AppendData(buffer, 0, read);
            Length += read;
            _lastActivity = Environment.TickCount64;
        }
    }

    public async Task AppendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var file = _file ?? throw new InvalidOperationException("Upload is closed.");
        await file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        _hash.AppendData(data.Span);
        Length += data.Length;
        _lastActivity = Environment.TickCount64;
    }

    public string CurrentDigest()
    {
        Span<byte> hash = stackalloc byte[32];
        _hash.GetCurrentHash(hash);
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    public void CloseFile()
    {
        if (_file is not null)
        {
            _file.Flush(flushToDisk: true);
            _file.Dispose();
            _file = null;
        }
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        _hash.Dispose();
    }
}

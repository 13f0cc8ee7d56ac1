using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Building;

/// <summary>
/// Writes deterministic layer tarballs: entries sorted by path, one fixed modification time, numeric owners only
/// (no user or group names), ustar headers (GNU long-name records only when a path needs them; never PAX headers with
/// pids or access times), gzip with a fixed header (no file name, zero mtime, OS byte 255 as Go writes it).
/// The same entries and bytes always give the same digest on every machine.
/// </summary>
internal static class LayerWriter
{
    /// <summary>Writes the entries as a gzip layer into the store.</summary>
    public static async Task<WrittenLayer> WriteAsync(
        IEnumerable<LayerEntry> entries,
        ContentStore store,
        DateTimeOffset modificationTime,
        CompressionLevel compression = CompressionLevel.Fastest,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(store);
        var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        var temp = store.CreateTempPath();
        using var diffHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var blobHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long compressedSize;
        long uncompressedSize;
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: false))
            {
                var blobStream = new HashingStream(file, blobHash, normaliseGzipHeader: true);
                var gzip = new GZipStream(blobStream, compression, leaveOpen: true);
                var tarStream = new HashingStream(gzip, diffHash, normaliseGzipHeader: false);
                await using (var tar = new TarWriter(tarStream, TarEntryFormat.Ustar, leaveOpen: true))
                {
                    foreach (var entry in sorted)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        await WriteEntryAsync(tar, entry, modificationTime, cancellationToken).ConfigureAwait(false);
                    }
                }

                await tarStream.FlushAsync(cancellationToken).ConfigureAwait(false);
                await gzip.DisposeAsync().ConfigureAwait(false);
                await blobStream.FlushAsync(cancellationToken).ConfigureAwait(false);
                compressedSize = blobStream.Length;
                uncompressedSize = tarStream.Length;
            }

            var digest = Digest.FromSha256Hash(blobHash.GetHashAndReset());
            var path = store.Commit(temp, digest);
            return new WrittenLayer(
                new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = digest, Size = compressedSize },
                Digest.FromSha256Hash(diffHash.GetHashAndReset()),
                path,
                sorted.Count,
                uncompressedSize);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static async Task WriteEntryAsync(TarWriter tar, LayerEntry entry, DateTimeOffset modificationTime, CancellationToken cancellationToken)
    {
        var name = entry.Kind == FileEntryKind.Directory ? entry.Path + "/" : entry.Path;
        var type = entry.Kind switch
        {
            FileEntryKind.Directory => TarEntryType.Directory,
            FileEntryKind.Symlink => TarEntryType.SymbolicLink,
            _ => TarEntryType.RegularFile,
        };
        // Ustar holds 100 bytes of name (+155 of prefix, which .NET fills for us); longer names get a GNU long-name record.
        var needsGnu = Encoding.UTF8.GetByteCount(name) > 100 && !FitsUstarPrefix(name)
            || (entry.LinkTarget is not null && Encoding.UTF8.GetByteCount(entry.LinkTarget) > 100)
            || !IsAscii(name);
        PosixTarEntry tarEntry = needsGnu
            ? new GnuTarEntry(type, name) { AccessTime = modificationTime, ChangeTime = modificationTime }
            : new UstarTarEntry(type, name);
        tarEntry.ModificationTime = modificationTime;
        tarEntry.Mode = entry.Mode;
        tarEntry.Uid = entry.Uid;
        tarEntry.Gid = entry.Gid;
        tarEntry.UserName = string.Empty;
        tarEntry.GroupName = string.Empty;
        if (entry.Kind == FileEntryKind.Symlink)
        {
            tarEntry.LinkName = entry.LinkTarget ?? string.Empty;
        }

        if (entry.Kind == FileEntryKind.File && entry.SourceFile is not null)
        {
            var stream = new FileStream(entry.SourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
            await using (stream.ConfigureAwait(false))
            {
                tarEntry.DataStream = stream;
                await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await tar.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool FitsUstarPrefix(string name)
    {
        if (!IsAscii(name) || name.Length > 255)
        {
            return false;
        }

        // A split point at a '/' with at most 155 bytes before it and at most 100 after it.
        for (var i = Math.Min(155, name.Length - 1); i > 0; i--)
        {
            if (name[i] == '/' && name.Length - i - 1 <= 100 && name.Length - i - 1 > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAscii(string value) => value.All(char.IsAscii);

    /// <summary>Passes writes through while hashing and counting them; optionally fixes the gzip header bytes.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash, bool normaliseGzipHeader) : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (normaliseGzipHeader && _length < 10)
            {
                // Bytes 4-7 are MTIME (keep 0) and byte 9 is the OS, which differs between platforms' zlib builds.
                var copy = buffer.ToArray();
                for (var i = 0; i < copy.Length && _length + i < 10; i++)
                {
                    var position = _length + i;
                    if (position is >= 4 and <= 7)
                    {
                        copy[i] = 0;
                    }
                    else if (position == 9)
                    {
                        copy[i] = 0xFF;
                    }
                }

                hash.AppendData(copy);
                inner.Write(copy);
            }
            else
            {
                hash.AppendData(buffer);
                inner.Write(buffer);
            }

            _length += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

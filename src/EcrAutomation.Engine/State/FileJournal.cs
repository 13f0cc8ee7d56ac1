namespace EcrAutomation.State;

/// <summary>
/// The journal of a folder backend: one file next to the checkpoint (<c>&lt;stack&gt;.json.journal</c>), one JSON line
/// per record. Lines reach the operating system at once, so a process killed at any instant loses nothing; they reach
/// the disk at the next periodic fsync (every 200 ms) or compaction.
/// </summary>
internal sealed class FileJournal(string path, Action? afterFileOperation) : IJournal
{
    public string Description => path;

    public byte[] Read() => File.Exists(path) ? File.ReadAllBytes(path) : [];

    public bool HasRecords()
    {
        var file = new FileInfo(path);
        return file.Exists && file.Length > 0;
    }

    public void Delete(bool onlyIfEmpty = false)
    {
        var file = new FileInfo(path);
        if (!file.Exists || (onlyIfEmpty && file.Length > 0)) return;
        file.Delete();
        afterFileOperation?.Invoke();
    }

    public IJournalWriter OpenWriter() => new Writer(this, path);

    internal sealed class Writer : IJournalWriter
    {
        private static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(200);

        private readonly object _gate = new();
        private readonly FileStream _stream;
        private readonly Timer _syncTimer;
        private bool _dirty;
        private bool _disposed;

        private readonly FileJournal _journal;

        public Writer(FileJournal journal, string path)
        {
            _journal = journal;
            _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
            _syncTimer = new Timer(_ => Sync(), null, SyncInterval, SyncInterval);
        }

        public long Append(ReadOnlySpan<byte> records)
        {
            lock (_gate)
            {
                _stream.Write(records);
                _stream.Flush(flushToDisk: false);
                _dirty = true;
                return 0;
            }
        }

        /// <summary>Every line reached the operating system when appended: a kill loses nothing.</summary>
        public void WaitStored(long ticket) { }

        public void Clear()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    _journal.Delete();
                    return;
                }
                _stream.SetLength(0);
                _stream.Flush(flushToDisk: true);
                _dirty = false;
            }
        }

        /// <summary>The periodic fsync. The timer may still fire once after <see cref="Dispose"/>; then it does nothing.</summary>
        internal void Sync()
        {
            lock (_gate)
            {
                if (_disposed || !_dirty) return;
                _stream.Flush(flushToDisk: true);
                _dirty = false;
            }
        }

        public void Dispose()
        {
            _syncTimer.Dispose();
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                _stream.Flush(flushToDisk: true);
                _stream.Dispose();
            }
        }
    }
}

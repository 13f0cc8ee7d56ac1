using System.Globalization;

namespace EcrAutomation.State;

/// <summary>
/// The journal of an object store (S3): segment objects <c>&lt;stack&gt;.json.journal/&lt;n&gt;.jsonl</c>, each a batch
/// of whole JSON lines, replayed in order. Writes are batched: records appended while a segment is being stored go into
/// the next one, a completed step starts a write at once, a 200 ms timer catches the rest, and a caller that needs its
/// record stored (a step's begin, before the provider is called) waits for the segment that holds it. Segments are
/// created with <c>If-None-Match: *</c>, so two writers never replace each other's records.
/// </summary>
internal sealed class SegmentJournal(IStateStorage storage, string prefix) : IJournal
{
    private const string Extension = ".jsonl";

    public string Description => storage.Describe(prefix);

    public byte[] Read()
    {
        using var all = new MemoryStream();
        foreach (var (key, _) in Segments())
            if (storage.Get(key) is { } segment) all.Write(segment.Content);
        return all.ToArray();
    }

    public bool HasRecords() => Segments().Count > 0;

    /// <summary>Segments exist only with records, so an empty journal has nothing to delete.</summary>
    public void Delete(bool onlyIfEmpty = false)
    {
        if (onlyIfEmpty) return;
        foreach (var (key, _) in Segments()) storage.Delete(key);
    }

    public IJournalWriter OpenWriter() => new Writer(storage, prefix, Segments());

    private List<(string Key, long Index)> Segments() =>
        [.. storage.List(prefix)
            .Select(k => (Key: k, Index: long.TryParse(k.AsSpan(prefix.Length).TrimEnd(Extension), NumberStyles.None, CultureInfo.InvariantCulture, out var i) && k.EndsWith(Extension, StringComparison.Ordinal) ? i : -1))
            .Where(s => s.Index >= 0)
            .OrderBy(s => s.Index)];

    private sealed class Writer : IJournalWriter
    {
        private static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(200);

        private readonly IStateStorage _storage;
        private readonly string _prefix;
        private readonly object _gate = new();
        private readonly object _io = new();
        private readonly List<string> _owned;
        private readonly Timer _timer;
        private MemoryStream _pending = new();
        private long _appended;
        private long _stored;
        private long _nextIndex;
        private bool _flushQueued;
        private bool _disposed;

        public Writer(IStateStorage storage, string prefix, List<(string Key, long Index)> existing)
        {
            _storage = storage;
            _prefix = prefix;
            _owned = [.. existing.Select(s => s.Key)];
            _nextIndex = existing.Count == 0 ? 1 : existing[^1].Index + 1;
            _timer = new Timer(_ => FlushQuietly(), null, BatchInterval, BatchInterval);
        }

        public long Append(ReadOnlySpan<byte> records)
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _pending.Write(records);
                var ticket = ++_appended;
                if (!_flushQueued)
                {
                    _flushQueued = true;
                    ThreadPool.UnsafeQueueUserWorkItem(_ => FlushQuietly(), null);
                }
                return ticket;
            }
        }

        public void WaitStored(long ticket)
        {
            lock (_io) Flush(ticket);
        }

        /// <summary>Stores everything pending up to <paramref name="ticket"/> in one segment, unless a concurrent flush already did. The caller holds <c>_io</c>.</summary>
        private void Flush(long ticket)
        {
            {
                byte[] batch;
                long last;
                lock (_gate)
                {
                    _flushQueued = false;
                    if (_stored >= ticket || _pending.Length == 0) return;
                    batch = _pending.ToArray();
                    last = _appended;
                    _pending = new MemoryStream();
                }
                try { WriteSegment(batch); }
                catch
                {
                    lock (_gate)
                    {
                        var retry = new MemoryStream();
                        retry.Write(batch);
                        _pending.WriteTo(retry);
                        _pending = retry;
                    }
                    throw;
                }
                lock (_gate) _stored = Math.Max(_stored, last);
            }
        }

        /// <summary>
        /// A background flush. It never waits for one in progress (thread-pool threads must not pile up behind a store
        /// call): the records left behind go with the next flush, and a failure leaves them pending for it.
        /// </summary>
        private void FlushQuietly()
        {
            if (!Monitor.TryEnter(_io))
            {
                lock (_gate) _flushQueued = false;
                return;
            }
            try { Flush(long.MaxValue); }
            catch (Exception e) when (e is not OutOfMemoryException) { }
            finally { Monitor.Exit(_io); }
        }

        private void WriteSegment(byte[] batch)
        {
            while (true)
            {
                var key = _prefix + _nextIndex.ToString("D10", CultureInfo.InvariantCulture) + Extension;
                _nextIndex++;
                try
                {
                    _storage.Put(key, batch, StateWriteCondition.Absent);
                    _owned.Add(key);
                    return;
                }
                catch (StateConditionFailedException) { } // another writer (one whose lock was taken over) used that number
            }
        }

        public void Clear()
        {
            lock (_io)
            {
                lock (_gate)
                {
                    _pending = new MemoryStream();
                    _stored = _appended;
                }
                foreach (var key in _owned) _storage.Delete(key);
                _owned.Clear();
            }
        }

        /// <summary>Stores what is pending. If that fails the records are lost to the journal (the checkpoint written next has them, or the next run sees the operations as pending).</summary>
        public void Dispose()
        {
            _timer.Dispose();
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
            }
            try
            {
                lock (_io) Flush(long.MaxValue);
            }
            catch (Exception e) when (e is not OutOfMemoryException) { }
        }
    }
}

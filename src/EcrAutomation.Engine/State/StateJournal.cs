using System.Text;
using System.Text.Json;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Append-only log of state changes since the last checkpoint: one JSON line per record. Each record costs a write of
/// its own size (never a whole-state rewrite). Lines reach the operating system at once, so a process killed at any
/// instant loses nothing; they reach the disk at the next periodic fsync or compaction.
/// </summary>
internal sealed class StateJournal : IDisposable
{
    private static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(200);

    private readonly object _gate = new();
    private readonly FileStream _stream;
    private readonly Func<ISecretsManager>? _secrets;
    private readonly Timer _syncTimer;
    private bool _dirty;
    private bool _disposed;

    public StateJournal(string path, Func<ISecretsManager>? secrets)
    {
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
        _secrets = secrets;
        _syncTimer = new Timer(_ => Sync(), null, SyncInterval, SyncInterval);
    }

    /// <summary>Records appended since the journal was opened or last compacted.</summary>
    public int RecordCount { get; private set; }

    /// <summary>
    /// Writes a checkpoint while holding the journal, then empties the journal. Records appended concurrently either land
    /// in the checkpoint or after it; replaying one twice is harmless (records are idempotent).
    /// </summary>
    public void Compact(Action writeCheckpoint)
    {
        lock (_gate)
        {
            writeCheckpoint();
            _stream.SetLength(0);
            _stream.Flush(flushToDisk: true);
            RecordCount = 0;
            _dirty = false;
        }
    }

    /// <summary>An operation is about to call the provider.</summary>
    public void Begin(PendingOperation operation) => Append(w =>
    {
        w.WriteString("kind", "begin");
        w.WriteString("op", WireNames.Of(operation.Type));
        w.WritePropertyName("resource");
        CheckpointSerializer.WriteResource(w, operation.Resource, SecretMode.Encrypt, _secrets);
    });

    /// <summary>An operation finished: its pending entry goes, and the resource's new state (if any) replaces the old.</summary>
    public void End(PendingOperation? operation, ResourceState? upsert, (string Urn, bool Delete)? remove) => Append(w =>
    {
        w.WriteString("kind", "end");
        if (operation is not null)
        {
            w.WriteString("op", WireNames.Of(operation.Type));
            w.WriteString("pendingUrn", operation.Resource.Urn);
        }
        if (remove is { } r)
        {
            w.WriteString("removeUrn", r.Urn);
            w.WriteBoolean("removeDelete", r.Delete);
        }
        if (upsert is not null)
        {
            w.WritePropertyName("resource");
            CheckpointSerializer.WriteResource(w, upsert, SecretMode.Encrypt, _secrets);
        }
    });

    private void Append(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        lock (_gate)
        {
            _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stream.Flush(flushToDisk: false);
            _dirty = true;
            RecordCount++;
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

    /// <summary>Applies a journal's records to a snapshot. A torn last line (the process died mid-write) is ignored.</summary>
    public static Snapshot Replay(Snapshot snapshot, string path, Func<ISecretsManager>? secrets)
    {
        if (!File.Exists(path)) return snapshot;
        // Entries by (urn, delete) with their first position, so replay is linear in the journal's length.
        var resources = new Dictionary<(string Urn, bool Delete), (ResourceState State, int Order)>();
        var order = 0;
        foreach (var r in snapshot.Resources) resources[(r.Urn, r.Delete)] = (r, order++);
        var pending = snapshot.PendingOperations.ToList();
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(lines[i]); }
            catch (JsonException) when (i == lines.Length - 1) { break; }
            catch (JsonException e) { throw new StateException($"the state journal '{path}' is corrupt at line {i + 1}: {e.Message}", e); }
            try
            {
                using (doc) CheckpointSerializer.Strictly(() => Apply(doc.RootElement));
            }
            catch (StateException e) { throw new StateException($"the state journal '{path}' is corrupt at line {i + 1}: {e.Message}", e); }
        }
        return new Snapshot(SnapshotOrder.Sort([.. resources.Values.OrderBy(e => e.Order).Select(e => e.State)]), pending);

        void Apply(JsonElement e)
        {
            var kind = e.GetProperty("kind").GetString();
            if (kind == "begin")
            {
                var op = new PendingOperation(CheckpointSerializer.ReadResource(e.GetProperty("resource"), secrets), ReadPendingType(e));
                pending.RemoveAll(p => p.Resource.Urn == op.Resource.Urn && p.Type == op.Type);
                pending.Add(op);
                return;
            }
            if (e.TryGetProperty("pendingUrn", out var pu))
            {
                var urn = pu.GetString();
                var type = ReadPendingType(e);
                pending.RemoveAll(p => p.Resource.Urn == urn && p.Type == type);
            }
            if (e.TryGetProperty("removeUrn", out var ru))
            {
                var urn = ru.GetString();
                var deleteFlag = e.GetProperty("removeDelete").GetBoolean();
                resources.Remove((urn!, deleteFlag));
            }
            if (e.TryGetProperty("resource", out var rs))
            {
                var state = CheckpointSerializer.ReadResource(rs, secrets);
                var key = (state.Urn, state.Delete);
                resources[key] = (state, resources.TryGetValue(key, out var existing) ? existing.Order : order++);
            }
        }
    }

    private static PendingOperationType ReadPendingType(JsonElement record) =>
        WireNames.TryParse<PendingOperationType>(record.GetProperty("op").GetString(), out var type) ? type
            : throw new StateException($"'op' is not a pending operation type: '{record.GetProperty("op")}'");
}

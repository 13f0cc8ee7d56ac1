using System.Text;
using System.Text.Json;
using EcrAutomation.Secrets;

namespace EcrAutomation.State;

/// <summary>
/// Append-only log of state changes since the last checkpoint: one JSON line per record, appended where the stack's
/// storage keeps its journal (<see cref="FileJournal"/>, <see cref="SegmentJournal"/>). Each record costs a write of its
/// own size (never a whole-state rewrite); a begin record is stored before the provider is called.
/// </summary>
internal sealed class StateJournal : IDisposable
{
    private readonly object _gate = new();
    private readonly IJournalWriter _writer;
    private readonly Func<ISecretsManager>? _secrets;

    public StateJournal(IJournalWriter writer, Func<ISecretsManager>? secrets)
    {
        _writer = writer;
        _secrets = secrets;
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
            _writer.Clear();
            RecordCount = 0;
        }
    }

    /// <summary>An operation is about to call the provider.</summary>
    public void Begin(PendingOperation operation) => Append(durable: true, w =>
    {
        w.WriteString("kind", "begin");
        w.WriteString("op", WireNames.Of(operation.Type));
        w.WritePropertyName("resource");
        CheckpointSerializer.WriteResource(w, operation.Resource, SecretMode.Encrypt, _secrets);
    });

    /// <summary>An operation finished: its pending entry goes, and the resource's new state (if any) replaces the old.</summary>
    public void End(PendingOperation? operation, ResourceState? upsert, (string Urn, bool Delete)? remove) => Append(durable: false, w =>
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

    private void Append(bool durable, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        long ticket;
        lock (_gate)
        {
            ticket = _writer.Append(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            RecordCount++;
        }
        if (durable) _writer.WaitStored(ticket);
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>Applies a journal's records to a snapshot. A torn last line (the process died mid-write) is ignored.</summary>
    public static Snapshot Replay(Snapshot snapshot, IJournal journal, Func<ISecretsManager>? secrets)
    {
        var records = journal.Read();
        if (records.Length == 0) return snapshot;
        var path = journal.Description;
        // Entries by (urn, delete) with their first position, so replay is linear in the journal's length.
        var resources = new Dictionary<(string Urn, bool Delete), (ResourceState State, int Order)>();
        var order = 0;
        foreach (var r in snapshot.Resources) resources[(r.Urn, r.Delete)] = (r, order++);
        var pending = snapshot.PendingOperations.ToList();
        var lines = Encoding.UTF8.GetString(records).Split('\n');
        if (lines[^1].Length == 0) lines = lines[..^1];
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

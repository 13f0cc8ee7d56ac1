using EcrAutomation.State;

namespace EcrAutomation.Deployment;

/// <summary>
/// The stack's state as an operation changes it, step by step. Every change is journaled (when persisting) before the
/// next one; <see cref="ToSnapshot"/> yields a correctly ordered snapshot at any moment (for compaction and at the end).
/// </summary>
internal sealed class LiveState : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Urn, bool Delete), (ResourceState State, double Order)> _resources = new();
    private readonly List<PendingOperation> _pending;
    private readonly StateJournal? _journal;
    private readonly Action? _compact;
    private readonly int _compactEvery;
    private double _nextOrder;

    public LiveState(Snapshot initial, StateJournal? journal, Action? compact)
    {
        for (var i = 0; i < initial.Resources.Count; i++)
            _resources[(initial.Resources[i].Urn, initial.Resources[i].Delete)] = (initial.Resources[i], i);
        _nextOrder = initial.Resources.Count;
        _pending = [.. initial.PendingOperations];
        _journal = journal;
        _compact = compact;
        _compactEvery = Math.Max(4096, initial.Resources.Count * 4);
    }

    public bool Changed { get; private set; }

    public ResourceState? Get(string urn, bool delete = false)
    {
        lock (_gate) return _resources.TryGetValue((urn, delete), out var e) ? e.State : null;
    }

    public IReadOnlyList<PendingOperation> Pending
    {
        get { lock (_gate) return [.. _pending]; }
    }

    public void Begin(PendingOperation op)
    {
        lock (_gate)
        {
            _pending.Add(op);
            Changed = true;
        }
        _journal?.Begin(op);
    }

    /// <summary>Ends an operation: removes its pending entry, removes and/or stores states. <paramref name="sequence"/> orders a new entry among the others.</summary>
    public void End(PendingOperation? op, ResourceState? upsert, (string Urn, bool Delete)? remove = null, double? sequence = null)
    {
        lock (_gate)
        {
            if (op is not null) _pending.Remove(op);
            double? order = null;
            if (remove is { } r && _resources.Remove(r, out var removed)) order = removed.Order;
            if (upsert is not null)
            {
                var key = (upsert.Urn, upsert.Delete);
                var at = _resources.TryGetValue(key, out var existing) ? existing.Order : order ?? (sequence is { } s ? _nextOrder + s : _nextOrder++ + 1_000_000_000);
                _resources[key] = (upsert, at);
            }
            Changed = true;
        }
        _journal?.End(op, upsert, remove);
        if (_journal is not null && _compact is not null && _journal.RecordCount >= _compactEvery) _journal.Compact(_compact);
    }

    /// <summary>Turns the live entry into the old half of a replacement (<c>delete: true</c>), keeping its position.</summary>
    public void MarkForDeletion(ResourceState live)
    {
        var marked = live with { Delete = true };
        End(null, marked, (live.Urn, false));
    }

    public void ClearPending(PendingOperation op)
    {
        lock (_gate)
        {
            _pending.Remove(op);
            Changed = true;
        }
        _journal?.End(op, null, null);
    }

    public Snapshot ToSnapshot()
    {
        lock (_gate)
        {
            var ordered = _resources.Values.OrderBy(e => e.Order).Select(e => e.State).ToList();
            return new Snapshot(SnapshotOrder.Sort(ordered), [.. _pending]);
        }
    }

    public void Dispose() => _journal?.Dispose();
}

namespace EcrAutomation.State;

/// <summary>
/// A held stack lock: one lock object whose lease this holder renews in the background (every sixth of the lease) with a
/// conditional write on the ETag it last wrote. A renewal that finds the object changed or gone means another process
/// took the lock over (its lease had lapsed) or <c>cancel</c> removed it: the lock is lost, and the checkpoint is no
/// longer written under it. Disposing stops renewing and deletes the lock, conditionally, so a lock taken over is never
/// removed by its former holder.
/// </summary>
internal sealed class StackLock : IDisposable
{
    private readonly IStateStorage _storage;
    private readonly string _key;
    private readonly TimeSpan _lease;
    private readonly TimeProvider _time;
    private readonly Action _released;
    private readonly object _gate = new();
    private readonly ITimer _renewal;
    private LockInfo _info;
    private string _etag;
    private bool _disposed;

    internal StackLock(IStateStorage storage, string key, string etag, LockInfo info, TimeSpan lease, TimeProvider time, Action released)
    {
        _storage = storage;
        _key = key;
        _etag = etag;
        _info = info;
        _lease = lease;
        _time = time;
        _released = released;
        var every = lease / 6;
        _renewal = time.CreateTimer(_ => Renew(), null, every, every);
    }

    /// <summary>The version of the checkpoint this holder read at its start or wrote last; checkpoint writes require it.</summary>
    public string? CheckpointETag { get; set; }

    /// <summary>Why the lock is no longer held (taken over, removed, lease lapsed), or null while it is.</summary>
    public string? LostReason { get; private set; }

    /// <summary>The holder's record, as others read it.</summary>
    public LockInfo Info => _info;

    /// <summary>
    /// Reads the lock object and refuses to go on writing state unless it is still this holder's (a takeover or a
    /// <c>cancel</c> may have happened since the last renewal).
    /// </summary>
    public void Verify()
    {
        lock (_gate)
        {
            if (LostReason is null && !_disposed)
            {
                var current = _storage.Get(_key);
                if (current is null) LostReason = "the lock was removed (by `cancel`)";
                else if (current.ETag != _etag) LostReason = $"its lease lapsed and the lock was taken over by {LockInfo.Parse(current.Content)?.Holder ?? "another process"}";
            }
        }
        ThrowIfLost();
    }

    private void ThrowIfLost()
    {
        if (LostReason is { } reason)
            throw new StateException($"this run no longer holds the stack's lock: {reason}. The checkpoint was not written; the journal keeps this run's changes for the next run to recover.");
    }

    internal void Renew()
    {
        lock (_gate)
        {
            if (_disposed || LostReason is not null) return;
            var renewed = _info with { LeaseExpires = _time.GetUtcNow() + _lease };
            try
            {
                _etag = _storage.Put(_key, renewed.ToJson(), StateWriteCondition.IfMatch(_etag));
                _info = renewed;
            }
            catch (StateConditionFailedException)
            {
                LostReason = _storage.Get(_key) is { } now && LockInfo.Parse(now.Content) is { } holder
                    ? $"its lease lapsed and the lock was taken over by {holder.Holder}"
                    : "the lock was removed (by `cancel`)";
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (_info.LeaseLapsed(_time.GetUtcNow())) LostReason = $"its lease lapsed at {_info.LeaseExpires:O} without a renewal ({e.Message})";
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _renewal.Dispose();
        try
        {
            if (LostReason is null) _storage.Delete(_key, _etag);
        }
        catch (StateConditionFailedException) { } // taken over meanwhile: the lock is someone else's now
        catch (Exception e) when (e is IOException or StateException) { } // left behind: its lease lapses
        finally { _released(); }
    }
}

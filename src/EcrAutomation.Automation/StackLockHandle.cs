using EcrAutomation.State;

namespace EcrAutomation.Automation;

/// <summary>
/// The stack's lock, held by one <see cref="WorkspaceStack"/> from <see cref="WorkspaceStack.LockAsync"/> until disposed:
/// that stack's operations run under it instead of locking again, so a check (the history, say) and the update that
/// depends on it happen with no other process in between.
/// </summary>
public sealed class StackLockHandle : IDisposable
{
    private readonly StackLock _lock;
    private readonly Action _released;
    private int _disposed;

    internal StackLockHandle(StackLock heldLock, IReadOnlyList<string> takenOver, Action released)
    {
        _lock = heldLock;
        TakenOver = takenOver;
        _released = released;
    }

    /// <summary>What taking the lock took over: one line per lock of a process that is gone, naming its holder; empty when the lock was free.</summary>
    public IReadOnlyList<string> TakenOver { get; }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _released();
        _lock.Dispose();
    }
}

namespace EcrAutomation.State;

/// <summary>The stack is locked by another update; <see cref="Holder"/> says whose lock it is, when it can be read.</summary>
internal sealed class StackLockedException(string message, LockInfo? holder) : Exception(message)
{
    public LockInfo? Holder { get; } = holder;
}

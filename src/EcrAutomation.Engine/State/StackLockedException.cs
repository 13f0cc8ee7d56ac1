namespace EcrAutomation.State;

/// <summary>The stack is locked by another update.</summary>
internal sealed class StackLockedException(string message) : Exception(message);

namespace EcrAutomation.Automation;

/// <summary>Another update holds the stack's lock. The message names who holds it, since when and with which pid.</summary>
public sealed class ConcurrentUpdateException(string message, Exception? inner = null) : AutomationException(message, inner);

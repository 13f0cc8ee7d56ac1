namespace EcrAutomation.State;

/// <summary>An operation that began and has not been recorded as finished.</summary>
internal sealed record PendingOperation(ResourceState Resource, PendingOperationType Type);

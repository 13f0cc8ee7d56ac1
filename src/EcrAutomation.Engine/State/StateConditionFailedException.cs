namespace EcrAutomation.State;

/// <summary>A conditional write or delete of state found the object changed, present or missing, and did nothing.</summary>
public sealed class StateConditionFailedException(string message, Exception? inner = null) : StateException(message, inner);

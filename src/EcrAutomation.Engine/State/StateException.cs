namespace EcrAutomation.State;

/// <summary>State that cannot be read or written; the message says what is wrong and how to fix it.</summary>
public class StateException(string message, Exception? inner = null) : Exception(message, inner);

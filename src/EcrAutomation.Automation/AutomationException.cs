namespace EcrAutomation.Automation;

/// <summary>Base of the Automation API's typed errors. Raised directly by the engine, never parsed from text.</summary>
public class AutomationException(string message, Exception? inner = null) : Exception(message, inner);

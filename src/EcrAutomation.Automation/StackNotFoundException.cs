namespace EcrAutomation.Automation;

/// <summary>No stack with that name exists.</summary>
public sealed class StackNotFoundException(string stack) : AutomationException($"no stack named '{stack}' found");

namespace EcrAutomation.Automation;

/// <summary>The stack already exists.</summary>
public sealed class StackAlreadyExistsException(string stack) : AutomationException($"stack '{stack}' already exists");

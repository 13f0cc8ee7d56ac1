namespace EcrAutomation.Automation;

/// <summary>Input the caller must fix (a stack name, a URN, a deployment to import); nothing was changed.</summary>
public class InvalidInputException(string message, Exception? inner = null) : AutomationException(message, inner);

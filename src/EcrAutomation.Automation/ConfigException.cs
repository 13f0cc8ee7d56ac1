namespace EcrAutomation.Automation;

/// <summary>A configuration problem the user can fix.</summary>
public sealed class ConfigException(string message) : Exception(message);

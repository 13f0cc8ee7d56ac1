namespace EcrAutomation;

/// <summary>A required configuration value is missing.</summary>
public sealed class ConfigMissingException(string message) : Exception(message);

namespace EcrAutomation;

/// <summary>A configuration value cannot be read as the type the program asks for.</summary>
public sealed class ConfigTypeException(string message) : Exception(message);

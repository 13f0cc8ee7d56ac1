namespace EcrAutomation.Cli.Commands;

/// <summary>A usage mistake; the message says how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);

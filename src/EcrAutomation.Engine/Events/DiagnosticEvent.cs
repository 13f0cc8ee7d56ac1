namespace EcrAutomation.Events;

/// <summary>A diagnostic: info, warning or error, optionally attached to a resource.</summary>
public sealed record DiagnosticEvent(string? Urn, string Message, DiagnosticSeverity Severity, string? Prefix = null, bool Ephemeral = false, string Color = "never") : EngineEvent;

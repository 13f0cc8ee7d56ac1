namespace EcrAutomation.Events;

/// <summary>A diagnostic: info, warning or error, optionally attached to a resource.</summary>
/// <param name="Urn">The resource it is about, or null for the stack.</param>
/// <param name="Message">The text.</param>
/// <param name="Severity">How serious it is; an error fails the operation.</param>
/// <param name="Prefix">Text shown before the message, if any.</param>
/// <param name="Ephemeral">Whether the message is transient progress (not kept in the Diagnostics section by Pulumi's display).</param>
/// <param name="Color">Pulumi's color mode of the text; always <c>never</c> (plain).</param>
public sealed record DiagnosticEvent(string? Urn, string Message, DiagnosticSeverity Severity, string? Prefix = null, bool Ephemeral = false, string Color = "never") : EngineEvent;

namespace EcrAutomation.Events;

/// <summary>A message from the program or the engine, not attached to a step.</summary>
/// <param name="Message">The text.</param>
/// <param name="Color">Pulumi's color mode of the text; always <c>never</c> (plain).</param>
public sealed record StandardOutputEvent(string Message, string Color = "never") : EngineEvent;

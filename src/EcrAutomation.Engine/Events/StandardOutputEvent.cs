namespace EcrAutomation.Events;

/// <summary>A message from the program or the engine, not attached to a step.</summary>
public sealed record StandardOutputEvent(string Message, string Color = "never") : EngineEvent;

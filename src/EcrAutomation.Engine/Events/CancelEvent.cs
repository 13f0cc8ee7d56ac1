namespace EcrAutomation.Events;

/// <summary>Always the last event of a stream.</summary>
public sealed record CancelEvent : EngineEvent;

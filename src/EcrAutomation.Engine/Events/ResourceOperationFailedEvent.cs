namespace EcrAutomation.Events;

/// <summary>A step failed.</summary>
public sealed record ResourceOperationFailedEvent(StepEventMetadata Metadata, int Status, int Steps) : EngineEvent;

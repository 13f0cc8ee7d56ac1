namespace EcrAutomation.Events;

/// <summary>A step finished; its new state is final.</summary>
public sealed record ResourceOutputsEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;

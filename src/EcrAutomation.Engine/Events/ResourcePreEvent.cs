namespace EcrAutomation.Events;

/// <summary>A step is about to run (or, in preview, would run).</summary>
public sealed record ResourcePreEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;

namespace EcrAutomation.Events;

/// <summary>A step is about to run (or, in preview, would run).</summary>
/// <param name="Metadata">The step.</param>
/// <param name="Planning">Whether this is a preview (the step is only planned).</param>
public sealed record ResourcePreEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;

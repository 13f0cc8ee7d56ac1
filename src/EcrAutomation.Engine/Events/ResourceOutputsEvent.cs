namespace EcrAutomation.Events;

/// <summary>A step finished; its new state is final.</summary>
/// <param name="Metadata">The step, with the resource's new state.</param>
/// <param name="Planning">Whether this is a preview (the outputs are planned, unknowns included).</param>
public sealed record ResourceOutputsEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;

namespace EcrAutomation.Events;

/// <summary>A step failed.</summary>
/// <param name="Metadata">The step that failed.</param>
/// <param name="Status">Pulumi's resource status (0: unknown, 1: partial failure).</param>
/// <param name="Steps">The number of steps the failure affected.</param>
public sealed record ResourceOperationFailedEvent(StepEventMetadata Metadata, int Status, int Steps) : EngineEvent;

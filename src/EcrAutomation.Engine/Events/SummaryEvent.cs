using System.Collections.Immutable;

namespace EcrAutomation.Events;

/// <summary>The end of an operation, with counts per operation kind.</summary>
/// <param name="MaybeCorrupt">Whether the state may not reflect the cloud (always false: every step is journaled).</param>
/// <param name="DurationSeconds">How long the operation took, rounded up.</param>
/// <param name="ResourceChanges">How many resources each operation type touched; written in Pulumi's key order.</param>
/// <param name="IsPreview">Whether the operation only planned.</param>
/// <param name="Result">How the run ended.</param>
public sealed record SummaryEvent(bool MaybeCorrupt, int DurationSeconds, IImmutableDictionary<OperationType, int> ResourceChanges, bool IsPreview, UpdateOutcome Result) : EngineEvent;

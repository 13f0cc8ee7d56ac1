using System.Collections.Immutable;

namespace EcrAutomation.Events;

/// <summary>The end of an operation, with counts per operation kind.</summary>
public sealed record SummaryEvent(bool MaybeCorrupt, int DurationSeconds, IImmutableDictionary<OperationType, int> ResourceChanges, bool IsPreview, UpdateOutcome Result) : EngineEvent;

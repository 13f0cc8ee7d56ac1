using System.Collections.Immutable;

namespace EcrAutomation.Events;

/// <summary>
/// One engine event. Subtypes mirror Pulumi's event payloads (<c>preludeEvent</c>, <c>resourcePreEvent</c>, ...);
/// <see cref="EngineEventJson"/> writes them in Pulumi's JSON schema. Sequence numbers start at 0 and grow by one.
/// </summary>
public abstract record EngineEvent
{
    /// <summary>Position in the stream, from 0.</summary>
    public long Sequence { get; init; }
    /// <summary>Unix time in seconds.</summary>
    public long Timestamp { get; init; }

    /// <summary>The event as one line of Pulumi's event JSON (<see cref="EngineEventJson.Serialize"/>), for logs and <c>Console.WriteLine(e)</c>.</summary>
    public sealed override string ToString() => EngineEventJson.Serialize(this);
}

/// <summary>First event: the configuration the operation runs with (secrets shown as [secret]).</summary>
public sealed record PreludeEvent(ImmutableSortedDictionary<string, string> Config) : EngineEvent;

/// <summary>A message from the program or the engine, not attached to a step.</summary>
public sealed record StandardOutputEvent(string Message, string Color = "never") : EngineEvent;

/// <summary>A diagnostic: info, warning or error, optionally attached to a resource.</summary>
public sealed record DiagnosticEvent(string? Urn, string Message, DiagnosticSeverity Severity, string? Prefix = null, bool Ephemeral = false, string Color = "never") : EngineEvent;

/// <summary>A step is about to run (or, in preview, would run).</summary>
public sealed record ResourcePreEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;

/// <summary>A step finished; its new state is final.</summary>
public sealed record ResourceOutputsEvent(StepEventMetadata Metadata, bool Planning) : EngineEvent;

/// <summary>A step failed.</summary>
public sealed record ResourceOperationFailedEvent(StepEventMetadata Metadata, int Status, int Steps) : EngineEvent;

/// <summary>The end of an operation, with counts per operation kind.</summary>
public sealed record SummaryEvent(bool MaybeCorrupt, int DurationSeconds, IImmutableDictionary<OperationType, int> ResourceChanges, bool IsPreview, UpdateOutcome Result) : EngineEvent;

/// <summary>Always the last event of a stream.</summary>
public sealed record CancelEvent : EngineEvent;

/// <summary>Describes a step: the operation, the resource, and its old and new states.</summary>
public sealed record StepEventMetadata(
    OperationType Op,
    string Urn,
    string Type,
    StepEventStateMetadata? Old,
    StepEventStateMetadata? New,
    IReadOnlyList<string>? Keys,
    IReadOnlyList<string>? Diffs,
    IReadOnlyDictionary<string, PropertyDiffEvent>? DetailedDiff,
    bool Logical,
    string Provider = "");

/// <summary>A property-level diff entry.</summary>
public sealed record PropertyDiffEvent(Providers.DiffKind Kind, bool InputDiff);

/// <summary>A resource's state as shown in events. Secret values are already blinded to [secret].</summary>
public sealed record StepEventStateMetadata(
    string Urn,
    string Type,
    bool Custom,
    bool Delete,
    string Id,
    string Parent,
    bool Protect,
    bool RetainOnDelete,
    IReadOnlyDictionary<string, object?> Inputs,
    IReadOnlyDictionary<string, object?> Outputs,
    string Provider = "");

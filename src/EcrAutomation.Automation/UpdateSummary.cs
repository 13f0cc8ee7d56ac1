using System.Collections.Immutable;

namespace EcrAutomation.Automation;

/// <summary>One entry of a stack's history.</summary>
public sealed record UpdateSummary(
    UpdateKind Kind,
    DateTimeOffset StartTime,
    string? Message,
    DateTimeOffset? EndTime,
    UpdateState Result,
    IImmutableDictionary<OperationType, int>? ResourceChanges,
    IImmutableDictionary<string, string> Config);

using System.Collections.Immutable;

namespace EcrAutomation.Automation;

/// <summary>One entry of a stack's history (Pulumi's <c>UpdateSummary</c>).</summary>
/// <param name="Kind">What ran: update, refresh or destroy.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="Message">The message given with <see cref="UpdateOptions.Message"/>, if any.</param>
/// <param name="EndTime">When it ended.</param>
/// <param name="Result">Whether it succeeded; a canceled run is <see cref="UpdateState.Failed"/>.</param>
/// <param name="ResourceChanges">How many resources each operation type touched.</param>
/// <param name="Config">The config it ran with; secret values are <c>[secret]</c>.</param>
public sealed record UpdateSummary(
    UpdateKind Kind,
    DateTimeOffset StartTime,
    string? Message,
    DateTimeOffset? EndTime,
    UpdateState Result,
    IImmutableDictionary<OperationType, int>? ResourceChanges,
    IImmutableDictionary<string, string> Config);

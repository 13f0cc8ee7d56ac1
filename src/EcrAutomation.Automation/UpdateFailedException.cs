namespace EcrAutomation.Automation;

/// <summary>An operation finished with errors; <see cref="Errors"/> lists them (also sent as diagnostic events).</summary>
public sealed class UpdateFailedException(UpdateKind kind, IReadOnlyList<string> errors, UpdateOutcome result)
    : AutomationException($"{WireNames.Of(kind)} {WireNames.Of(result)}:\n{string.Join("\n", errors.Select(e => "  " + e))}")
{
    /// <summary>The errors, each prefixed with the URN of its resource when it has one.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
    /// <summary>The operation that failed.</summary>
    public UpdateKind Kind { get; } = kind;
    /// <summary><see cref="UpdateOutcome.Failed"/> or <see cref="UpdateOutcome.Canceled"/>.</summary>
    public UpdateOutcome Result { get; } = result;
    /// <summary>The human-readable report of the operation (what the CLI prints), when there is one.</summary>
    public string? Report { get; init; }
}

namespace EcrAutomation.Automation;

/// <summary>Base of the Automation API's typed errors. Raised directly by the engine, never parsed from text.</summary>
public class AutomationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No stack with that name exists.</summary>
public sealed class StackNotFoundException(string stack) : AutomationException($"no stack named '{stack}' found");

/// <summary>The stack already exists.</summary>
public sealed class StackAlreadyExistsException(string stack) : AutomationException($"stack '{stack}' already exists");

/// <summary>Another update holds the stack's lock. The message names who holds it, since when and with which pid.</summary>
public sealed class ConcurrentUpdateException(string message, Exception? inner = null) : AutomationException(message, inner);

/// <summary>An operation finished with errors; <see cref="Errors"/> lists them (also sent as diagnostic events).</summary>
public sealed class UpdateFailedException(UpdateKind kind, IReadOnlyList<string> errors, UpdateOutcome result)
    : AutomationException($"{WireNames.Of(kind)} {WireNames.Of(result)}:\n{string.Join("\n", errors.Select(e => "  " + e))}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
    /// <summary>The operation that failed.</summary>
    public UpdateKind Kind { get; } = kind;
    /// <summary><see cref="UpdateOutcome.Failed"/> or <see cref="UpdateOutcome.Canceled"/>.</summary>
    public UpdateOutcome Result { get; } = result;
    /// <summary>The human-readable report of the operation (what the CLI prints), when there is one.</summary>
    public string? Report { get; init; }
}

/// <summary>Project settings given to the workspace disagree with the Pulumi.yaml already on disk.</summary>
public sealed class ProjectSettingsConflictException(string message) : AutomationException(message);

/// <summary>Input the caller must fix (a stack name, a URN, a deployment to import); nothing was changed.</summary>
public class InvalidInputException(string message, Exception? inner = null) : AutomationException(message, inner);

/// <summary>A <c>Target</c> or <c>Replace</c> URN is malformed or not in the stack; <see cref="Urns"/> lists them.</summary>
public sealed class InvalidUrnException(IReadOnlyList<string> urns, string message, Exception? inner = null) : InvalidInputException(message, inner)
{
    public IReadOnlyList<string> Urns { get; } = urns;
}

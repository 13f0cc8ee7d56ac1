namespace EcrAutomation.Automation;

/// <summary>The result of a refresh or destroy (Pulumi's <c>UpdateResult</c>); <see cref="UpResult"/> adds the outputs of an up.</summary>
/// <param name="standardOutput">The text report of the operation.</param>
/// <param name="standardError">Always empty: nothing runs in another process.</param>
/// <param name="summary">The operation's history entry.</param>
public class UpdateResult(string standardOutput, string standardError, UpdateSummary summary)
{
    /// <summary>The text report of the operation: the resource tree, diagnostics, outputs and the change summary, as the CLI prints it.</summary>
    public string StandardOutput { get; } = standardOutput;
    /// <summary>Always empty: the engine runs in this process, so there is no separate error stream (kept for Pulumi compatibility).</summary>
    public string StandardError { get; } = standardError;
    /// <summary>What ran, when, and how many resources each operation type touched (the entry written to the stack's history).</summary>
    public UpdateSummary Summary { get; } = summary;
}

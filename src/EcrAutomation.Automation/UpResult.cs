using System.Collections.Immutable;

namespace EcrAutomation.Automation;

/// <summary>The result of <see cref="WorkspaceStack.UpAsync"/>: the update's report and summary, and the stack's outputs.</summary>
/// <param name="standardOutput">The text report of the update.</param>
/// <param name="standardError">Always empty.</param>
/// <param name="summary">The update's history entry.</param>
/// <param name="outputs">The stack outputs after the update.</param>
public sealed class UpResult(string standardOutput, string standardError, UpdateSummary summary, IImmutableDictionary<string, OutputValue> outputs)
    : UpdateResult(standardOutput, standardError, summary)
{
    /// <summary>The stack outputs after the update, by name; secret ones are flagged and their values still given.</summary>
    public IImmutableDictionary<string, OutputValue> Outputs { get; } = outputs;
}

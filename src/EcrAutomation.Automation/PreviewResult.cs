using System.Collections.Immutable;

namespace EcrAutomation.Automation;

/// <summary>The result of <see cref="WorkspaceStack.PreviewAsync"/>: the plan's report and its counts.</summary>
/// <param name="standardOutput">The text report of the preview.</param>
/// <param name="standardError">Always empty.</param>
/// <param name="changeSummary">How many resources each operation type would touch.</param>
public sealed class PreviewResult(string standardOutput, string standardError, IImmutableDictionary<OperationType, int> changeSummary)
{
    /// <summary>The text report of the preview (the planned tree and the change summary), as the CLI prints it.</summary>
    public string StandardOutput { get; } = standardOutput;
    /// <summary>Always empty: the engine runs in this process (kept for Pulumi compatibility).</summary>
    public string StandardError { get; } = standardError;
    /// <summary>How many resources each operation type would touch, e.g. <c>{Create: 2, Same: 5}</c>.</summary>
    public IImmutableDictionary<OperationType, int> ChangeSummary { get; } = changeSummary;
}

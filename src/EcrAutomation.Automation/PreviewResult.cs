using System.Collections.Immutable;

namespace EcrAutomation.Automation;

public sealed class PreviewResult(string standardOutput, string standardError, IImmutableDictionary<OperationType, int> changeSummary)
{
    public string StandardOutput { get; } = standardOutput;
    public string StandardError { get; } = standardError;
    public IImmutableDictionary<OperationType, int> ChangeSummary { get; } = changeSummary;
}

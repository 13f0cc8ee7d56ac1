using System.Collections.Immutable;

namespace EcrAutomation.Automation;

public sealed class UpResult(string standardOutput, string standardError, UpdateSummary summary, IImmutableDictionary<string, OutputValue> outputs)
    : UpdateResult(standardOutput, standardError, summary)
{
    public IImmutableDictionary<string, OutputValue> Outputs { get; } = outputs;
}

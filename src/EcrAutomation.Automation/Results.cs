using System.Collections.Immutable;

namespace EcrAutomation.Automation;

/// <summary>A stack output value.</summary>
public sealed record OutputValue(object? Value, bool IsSecret);

/// <summary>One entry of a stack's history.</summary>
public sealed record UpdateSummary(
    UpdateKind Kind,
    DateTimeOffset StartTime,
    string? Message,
    DateTimeOffset? EndTime,
    UpdateState Result,
    IImmutableDictionary<OperationType, int>? ResourceChanges,
    IImmutableDictionary<string, string> Config);

public class UpdateResult(string standardOutput, string standardError, UpdateSummary summary)
{
    public string StandardOutput { get; } = standardOutput;
    public string StandardError { get; } = standardError;
    public UpdateSummary Summary { get; } = summary;
}

public sealed class UpResult(string standardOutput, string standardError, UpdateSummary summary, IImmutableDictionary<string, OutputValue> outputs)
    : UpdateResult(standardOutput, standardError, summary)
{
    public IImmutableDictionary<string, OutputValue> Outputs { get; } = outputs;
}

public sealed class PreviewResult(string standardOutput, string standardError, IImmutableDictionary<OperationType, int> changeSummary)
{
    public string StandardOutput { get; } = standardOutput;
    public string StandardError { get; } = standardError;
    public IImmutableDictionary<OperationType, int> ChangeSummary { get; } = changeSummary;
}

/// <summary>A stack's state in Pulumi's export form (<c>{version, deployment}</c>).</summary>
public sealed record StackDeployment(int Version, string Json)
{
    public static StackDeployment FromJsonString(string json) => new(3, json);
}

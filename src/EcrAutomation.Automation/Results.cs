using System.Collections.Immutable;

namespace EcrAutomation.Automation;

public enum UpdateKind { Update, Preview, Refresh, Rename, Destroy, Import, ResourceImport }
public enum UpdateState { NotStarted, InProgress, Succeeded, Failed }

/// <summary>Operation kinds as counted in summaries.</summary>
public enum OperationType
{
    Same, Create, Update, Delete, Replace, CreateReplacement, DeleteReplaced, Read, ReadReplacement, Refresh,
    ReadDiscard, DiscardReplaced, RemovePendingReplace, Import, ImportReplacement,
}

/// <summary>A stack output value.</summary>
public sealed record OutputValue(object? Value, bool IsSecret);

/// <summary>A config value.</summary>
public sealed record ConfigValue(string Value, bool IsSecret = false);

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

internal static class OperationTypes
{
    public static OperationType Parse(string op) => op switch
    {
        "same" => OperationType.Same,
        "create" => OperationType.Create,
        "update" => OperationType.Update,
        "delete" => OperationType.Delete,
        "replace" => OperationType.Replace,
        "create-replacement" => OperationType.CreateReplacement,
        "delete-replaced" => OperationType.DeleteReplaced,
        "read" => OperationType.Read,
        "refresh" => OperationType.Refresh,
        "import" => OperationType.Import,
        "discard" => OperationType.ReadDiscard,
        _ => OperationType.Same,
    };

    public static IImmutableDictionary<OperationType, int> From(IReadOnlyDictionary<string, int> changes) =>
        changes.GroupBy(kv => Parse(kv.Key)).ToImmutableDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
}

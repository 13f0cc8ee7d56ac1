using System.Text.Json;

namespace EcrAutomation.State;

/// <summary>One entry of a stack's history, in the shape of Pulumi's <c>UpdateInfo</c>.</summary>
internal sealed record UpdateRecord(
    UpdateKind Kind,
    DateTimeOffset StartTime,
    string? Message,
    DateTimeOffset EndTime,
    UpdateState Result,
    IReadOnlyDictionary<OperationType, int> ResourceChanges,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Config,
    string Version = CheckpointSerializer.EngineVersion)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

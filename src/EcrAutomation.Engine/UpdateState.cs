using System.Text.Json.Serialization;

namespace EcrAutomation;

/// <summary>
/// The result of a stack operation as a history entry records it (Pulumi's <c>UpdateResult</c> strings: <c>succeeded</c>,
/// <c>failed</c>, ...). A canceled operation is recorded as <see cref="Failed"/>, as Pulumi does.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateState>))]
public enum UpdateState
{
    /// <summary>The operation has not started.</summary>
    [JsonStringEnumMemberName("not-started")] NotStarted,
    /// <summary>The operation is running.</summary>
    [JsonStringEnumMemberName("in-progress")] InProgress,
    /// <summary>The operation finished without errors.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    /// <summary>The operation finished with errors or was canceled.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
}

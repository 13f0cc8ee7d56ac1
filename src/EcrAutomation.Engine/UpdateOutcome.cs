using System.Text.Json.Serialization;

namespace EcrAutomation;

/// <summary>
/// How an engine run ended: the <c>result</c> of the summary event (<c>succeeded</c>, <c>failed</c>, <c>canceled</c>), which
/// unlike a history entry's <see cref="UpdateState"/> tells a canceled run from a failed one.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateOutcome>))]
public enum UpdateOutcome
{
    /// <summary>Every step succeeded.</summary>
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    /// <summary>At least one step, the program or saving the state failed.</summary>
    [JsonStringEnumMemberName("failed")] Failed,
    /// <summary>The run was canceled before it finished.</summary>
    [JsonStringEnumMemberName("canceled")] Canceled,
}

using System.Text.Json.Serialization;

namespace EcrAutomation;

/// <summary>
/// What a step does to a resource: the <c>op</c> of step events and the keys of the change counts in summaries, history
/// and Automation results. Written as Pulumi's <c>OpType</c> strings (<c>same</c>, <c>create-replacement</c>, ...).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OperationType>))]
public enum OperationType
{
    /// <summary>Nothing changed; no provider call.</summary>
    [JsonStringEnumMemberName("same")] Same,
    /// <summary>A new resource is created.</summary>
    [JsonStringEnumMemberName("create")] Create,
    /// <summary>An existing resource is updated in place.</summary>
    [JsonStringEnumMemberName("update")] Update,
    /// <summary>A resource the program no longer declares is deleted.</summary>
    [JsonStringEnumMemberName("delete")] Delete,
    /// <summary>A resource is replaced (the logical step; its halves are <see cref="CreateReplacement"/> and <see cref="DeleteReplaced"/>).</summary>
    [JsonStringEnumMemberName("replace")] Replace,
    /// <summary>The new resource of a replacement is created.</summary>
    [JsonStringEnumMemberName("create-replacement")] CreateReplacement,
    /// <summary>The old resource of a replacement is deleted.</summary>
    [JsonStringEnumMemberName("delete-replaced")] DeleteReplaced,
    /// <summary>An external resource is read.</summary>
    [JsonStringEnumMemberName("read")] Read,
    /// <summary>An external resource replaces a managed one.</summary>
    [JsonStringEnumMemberName("read-replacement")] ReadReplacement,
    /// <summary>A resource's live state is read back into the state.</summary>
    [JsonStringEnumMemberName("refresh")] Refresh,
    /// <summary>An external resource is dropped from the state (Pulumi's <c>discard</c>).</summary>
    [JsonStringEnumMemberName("discard")] ReadDiscard,
    /// <summary>An external resource that was replaced is dropped from the state.</summary>
    [JsonStringEnumMemberName("discard-replaced")] DiscardReplaced,
    /// <summary>A resource pending replacement is removed from the state.</summary>
    [JsonStringEnumMemberName("remove-pending-replace")] RemovePendingReplace,
    /// <summary>An existing cloud resource is adopted into the state.</summary>
    [JsonStringEnumMemberName("import")] Import,
    /// <summary>An imported resource replaces a managed one.</summary>
    [JsonStringEnumMemberName("import-replacement")] ImportReplacement,
}

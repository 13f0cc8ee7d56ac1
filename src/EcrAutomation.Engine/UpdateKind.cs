using System.Text.Json.Serialization;

namespace EcrAutomation;

/// <summary>
/// The kind of a stack operation: what the engine runs (update, preview, refresh, destroy) and the <c>kind</c> of a history
/// entry, written as Pulumi's strings (<c>update</c>, <c>resource-import</c>, ...).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateKind>))]
public enum UpdateKind
{
    /// <summary>Creates, updates and deletes resources to match the program (<c>up</c>).</summary>
    [JsonStringEnumMemberName("update")] Update,
    /// <summary>Computes what an update would do, changing nothing.</summary>
    [JsonStringEnumMemberName("preview")] Preview,
    /// <summary>Reads every resource's live state into the state.</summary>
    [JsonStringEnumMemberName("refresh")] Refresh,
    /// <summary>Renames a stack (not run by this engine; read from Pulumi histories).</summary>
    [JsonStringEnumMemberName("rename")] Rename,
    /// <summary>Deletes every resource of the stack.</summary>
    [JsonStringEnumMemberName("destroy")] Destroy,
    /// <summary>Replaces the stack's state with an export (not run by this engine; read from Pulumi histories).</summary>
    [JsonStringEnumMemberName("import")] Import,
    /// <summary>Imports existing resources (not run by this engine; read from Pulumi histories).</summary>
    [JsonStringEnumMemberName("resource-import")] ResourceImport,
}

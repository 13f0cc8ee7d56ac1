using System.Text.Json.Serialization;

namespace EcrAutomation.Providers;

/// <summary>How one property changed in a diff; written as Pulumi's <c>diffKind</c> strings (<c>add</c>, <c>update-replace</c>, ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiffKind>))]
public enum DiffKind
{
    /// <summary>The property was added.</summary>
    [JsonStringEnumMemberName("add")] Add,
    /// <summary>The property was added, and that forces a replacement.</summary>
    [JsonStringEnumMemberName("add-replace")] AddReplace,
    /// <summary>The property was removed.</summary>
    [JsonStringEnumMemberName("delete")] Delete,
    /// <summary>The property was removed, and that forces a replacement.</summary>
    [JsonStringEnumMemberName("delete-replace")] DeleteReplace,
    /// <summary>The property's value changed.</summary>
    [JsonStringEnumMemberName("update")] Update,
    /// <summary>The property's value changed, and that forces a replacement.</summary>
    [JsonStringEnumMemberName("update-replace")] UpdateReplace,
}

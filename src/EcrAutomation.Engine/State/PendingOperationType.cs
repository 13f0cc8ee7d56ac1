using System.Text.Json.Serialization;

namespace EcrAutomation.State;

/// <summary>What an unfinished operation was doing; written as Pulumi's pending operation <c>type</c> strings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PendingOperationType>))]
internal enum PendingOperationType
{
    /// <summary>A create began: the resource may exist without the state knowing it.</summary>
    [JsonStringEnumMemberName("creating")] Creating,
    /// <summary>An update began.</summary>
    [JsonStringEnumMemberName("updating")] Updating,
    /// <summary>A delete began.</summary>
    [JsonStringEnumMemberName("deleting")] Deleting,
    /// <summary>A read began.</summary>
    [JsonStringEnumMemberName("reading")] Reading,
    /// <summary>An import began.</summary>
    [JsonStringEnumMemberName("importing")] Importing,
}

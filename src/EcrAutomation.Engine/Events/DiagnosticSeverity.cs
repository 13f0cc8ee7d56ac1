using System.Text.Json.Serialization;

namespace EcrAutomation.Events;

/// <summary>How serious a diagnostic is; written as Pulumi's <c>severity</c> strings (<c>info</c>, <c>warning</c>, ...).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiagnosticSeverity>))]
public enum DiagnosticSeverity
{
    /// <summary>Detail for debugging; not shown by default.</summary>
    [JsonStringEnumMemberName("debug")] Debug,
    /// <summary>Information (progress of a long wait, a skipped resource, ...).</summary>
    [JsonStringEnumMemberName("info")] Info,
    /// <summary>Information a program wrote to its error stream.</summary>
    [JsonStringEnumMemberName("info#err")] InfoError,
    /// <summary>Something the user should look at; the operation goes on.</summary>
    [JsonStringEnumMemberName("warning")] Warning,
    /// <summary>A failure: the operation fails.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

using EcrAutomation.Events;

namespace EcrAutomation.Yaml;

/// <summary>
/// A YAML program is invalid or failed to evaluate: carries every diagnostic found (a check reports all its errors at
/// once, before any resource is touched). The message is their text form, one per line. An
/// <see cref="InvalidOperationException"/>, so the engine reports the message as it is, like other program errors.
/// </summary>
public sealed class YamlProgramException : InvalidOperationException
{
    /// <summary>An exception carrying <paramref name="diagnostics"/> (errors and the warnings found with them).</summary>
    public YamlProgramException(IReadOnlyList<YamlDiagnostic> diagnostics)
        : base(string.Join("\n", diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()))) =>
        Diagnostics = diagnostics;

    /// <summary>Every diagnostic, in source order within each phase.</summary>
    public IReadOnlyList<YamlDiagnostic> Diagnostics { get; }

    /// <summary>Only the errors.</summary>
    public IEnumerable<YamlDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}

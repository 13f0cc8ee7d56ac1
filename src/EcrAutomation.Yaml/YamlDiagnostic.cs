using EcrAutomation.Events;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml;

/// <summary>One problem found in a YAML program (parse, check or evaluation), with where it is.</summary>
/// <param name="Severity"><see cref="DiagnosticSeverity.Error"/> stops the program; warnings are reported and it goes on.</param>
/// <param name="Message">What is wrong, in pulumi-yaml's words.</param>
/// <param name="Span">Where; null for problems of the whole program.</param>
/// <param name="Detail">More help (existing property names, "did you mean"), on the lines after the message.</param>
public sealed record YamlDiagnostic(DiagnosticSeverity Severity, string Message, SourceSpan? Span, string? Detail = null)
{
    /// <summary>The text form, as pulumi-yaml prints it: <c>&lt;file&gt;:&lt;line&gt;:&lt;col&gt;: error: &lt;message&gt;; &lt;detail&gt;</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : Severity == DiagnosticSeverity.Warning ? "warning" : "info";
        var text = Span is null ? $"{severity}: {Message}" : $"{Span}: {severity}: {Message}";
        return Detail is null ? text : $"{text}; {Detail}";
    }
}

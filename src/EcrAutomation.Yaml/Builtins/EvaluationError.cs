using EcrAutomation.Events;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Builtins;

/// <summary>The exception for a problem found while evaluating: one positioned error, printed as pulumi-yaml prints it.</summary>
internal static class EvaluationError
{
    public static YamlProgramException At(SourceSpan span, string message, string? detail = null) =>
        new([new YamlDiagnostic(DiagnosticSeverity.Error, message, span, detail)]);
}

namespace EcrAutomation.Yaml.Syntax;

/// <summary>Where something is in a YAML program: the file and the 1-based line and column, as diagnostics print it.</summary>
/// <param name="File">The file name as the program was loaded (<c>Pulumi.yaml</c>, <c>Main.yaml</c>).</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceSpan(string File, int Line, int Column)
{
    /// <summary><c>file:line:column</c>, the prefix of a diagnostic's text form.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}

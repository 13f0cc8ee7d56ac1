using EcrAutomation.Events;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml;

/// <summary>Collects diagnostics so that every problem of a program is reported at once (each once, however many checks find it).</summary>
internal sealed class DiagnosticBag
{
    private readonly List<YamlDiagnostic> _items = [];

    public IReadOnlyList<YamlDiagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.Severity == DiagnosticSeverity.Error);

    public void Error(SourceSpan? span, string message, string? detail = null) => Add(new(DiagnosticSeverity.Error, message, span, detail));
    public void Warning(SourceSpan? span, string message, string? detail = null) => Add(new(DiagnosticSeverity.Warning, message, span, detail));

    public void Add(YamlDiagnostic diagnostic)
    {
        if (!_items.Contains(diagnostic)) _items.Add(diagnostic);
    }

    public void AddRange(IEnumerable<YamlDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics) Add(diagnostic);
    }

    /// <summary>Throws <see cref="YamlProgramException"/> with everything collected when there is an error.</summary>
    public void ThrowIfErrors()
    {
        if (HasErrors) throw new YamlProgramException(_items);
    }
}

namespace EcrAutomation.Yaml.Syntax;

/// <summary>A parsed YAML value: every node of a template below its top-level keys is one of these.</summary>
internal abstract record Expr(SourceSpan Span);

/// <summary><c>null</c> (or an empty value).</summary>
internal sealed record NullExpr(SourceSpan Span) : Expr(Span);

/// <summary><c>true</c>/<c>false</c>.</summary>
internal sealed record BooleanExpr(SourceSpan Span, bool Value) : Expr(Span);

/// <summary>A YAML number; integers too (YAML runtime values are doubles, as in pulumi-yaml).</summary>
internal sealed record NumberExpr(SourceSpan Span, double Value) : Expr(Span);

/// <summary>A string without interpolations, after <c>$$</c> unescaping.</summary>
internal sealed record StringExpr(SourceSpan Span, string Value) : Expr(Span);

/// <summary>A string with at least one <c>${...}</c> and other text: evaluates to a string (an output of one when a part is an output).</summary>
internal sealed record InterpolateExpr(SourceSpan Span, IReadOnlyList<InterpolationPart> Parts) : Expr(Span);

/// <summary>Literal text followed by an optional property access (the <c>${...}</c> after the text).</summary>
internal sealed record InterpolationPart(string Text, PropertyAccess? Access);

/// <summary>A string that is exactly one <c>${...}</c>: evaluates to the referenced value with its type (object, list, number, secret, resource).</summary>
internal sealed record SymbolExpr(SourceSpan Span, PropertyAccess Access) : Expr(Span);

/// <summary>A YAML sequence.</summary>
internal sealed record ListExpr(SourceSpan Span, IReadOnlyList<Expr> Items) : Expr(Span);

/// <summary>A YAML mapping, entries in source order.</summary>
internal sealed record ObjectExpr(SourceSpan Span, IReadOnlyList<ObjectEntry> Entries) : Expr(Span)
{
    /// <summary>The value under <paramref name="key"/> (exact match), or null.</summary>
    public Expr? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key)?.Value;
}

/// <summary>One entry of a mapping; the key keeps its own span for diagnostics.</summary>
internal sealed record ObjectEntry(StringExpr Key, Expr Value);

/// <summary>
/// A mapping with a single <c>fn::</c> key: a built-in function call. <see cref="Name"/> as written (<c>fn::join</c>,
/// or the short invoke form <c>fn::aws:ec2:getVpc</c>); <see cref="Arguments"/> the value under the key.
/// </summary>
internal sealed record BuiltinExpr(SourceSpan Span, string Name, Expr Arguments) : Expr(Span);

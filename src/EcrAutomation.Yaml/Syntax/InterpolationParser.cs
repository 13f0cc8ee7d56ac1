using System.Globalization;
using System.Text;

namespace EcrAutomation.Yaml.Syntax;

/// <summary>
/// Parses pulumi-yaml's string interpolation: <c>${root.a.b}</c>, <c>${root.list[0].f}</c>, <c>${root["key"]}</c>,
/// <c>$$</c> for a literal <c>$</c>. A string that is exactly one <c>${...}</c> becomes a <see cref="SymbolExpr"/>.
/// </summary>
internal static class InterpolationParser
{
    /// <summary>The expression for a YAML string; malformed interpolations are reported to <paramref name="diagnostics"/>.</summary>
    /// <param name="value">The string's text.</param>
    /// <param name="span">Where the string starts.</param>
    /// <param name="columnOf">The column of a character offset when it is known exactly (single-line plain scalars), for precise positions.</param>
    /// <param name="diagnostics">Where errors go.</param>
    public static Expr Parse(string value, SourceSpan span, Func<int, SourceSpan> columnOf, DiagnosticBag diagnostics)
    {
        if (!value.Contains('$', StringComparison.Ordinal)) return new StringExpr(span, value);
        var parts = new List<InterpolationPart>();
        var text = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '$' && i + 1 < value.Length && value[i + 1] == '$')
            {
                text.Append('$');
                i += 2;
            }
            else if (c == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                var start = i;
                var access = ParseAccess(value, ref i, columnOf, diagnostics);
                if (access is null) return new StringExpr(span, value);
                parts.Add(new InterpolationPart(text.ToString(), access with { Span = columnOf(start) }));
                text.Clear();
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        if (parts.Count == 0) return new StringExpr(span, text.ToString());
        if (parts.Count == 1 && parts[0].Text.Length == 0 && text.Length == 0) return new SymbolExpr(span, parts[0].Access!);
        if (text.Length > 0) parts.Add(new InterpolationPart(text.ToString(), null));
        return new InterpolateExpr(span, parts);
    }

    /// <summary>Parses <c>${...}</c> at <paramref name="i"/> (on the <c>$</c>); leaves <paramref name="i"/> after the <c>}</c>.</summary>
    private static PropertyAccess? ParseAccess(string value, ref int i, Func<int, SourceSpan> columnOf, DiagnosticBag diagnostics)
    {
        var open = i;
        var close = value.IndexOf('}', i + 2);
        if (close < 0)
        {
            diagnostics.Error(columnOf(open), $"unterminated interpolation in \"{value}\"", "close it with '}', or write '$$' for a literal '$'");
            return null;
        }
        var body = value[(i + 2)..close];
        var bodyStart = i + 2;
        i = close + 1;
        var p = 0;
        var root = ReadName(body, ref p);
        if (root.Length == 0)
        {
            diagnostics.Error(columnOf(bodyStart), $"the interpolation \"${{{body}}}\" must start with a resource, variable or config name");
            return null;
        }
        var accessors = new List<PropertyAccessor>();
        while (p < body.Length)
        {
            if (body[p] == '.')
            {
                p++;
                var name = ReadName(body, ref p);
                if (name.Length == 0)
                {
                    diagnostics.Error(columnOf(bodyStart + p), $"expected a property name after '.' in \"${{{body}}}\"");
                    return null;
                }
                accessors.Add(new PropertyName(name));
            }
            else if (body[p] == '[')
            {
                var end = body.IndexOf(']', p);
                if (end < 0)
                {
                    diagnostics.Error(columnOf(bodyStart + p), $"missing closing ']' in \"${{{body}}}\"");
                    return null;
                }
                var inner = body[(p + 1)..end].Trim();
                if (inner.Length >= 2 && inner[0] == '"' && inner[^1] == '"')
                    accessors.Add(new PropertyKey(inner[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal)));
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    accessors.Add(new PropertyIndex(index));
                else
                {
                    diagnostics.Error(columnOf(bodyStart + p), $"the index \"[{inner}]\" in \"${{{body}}}\" must be a non-negative integer or a double-quoted key");
                    return null;
                }
                p = end + 1;
            }
            else
            {
                diagnostics.Error(columnOf(bodyStart + p), $"unexpected '{body[p]}' in \"${{{body}}}\": expected '.', '[' or '}}'");
                return null;
            }
        }
        return new PropertyAccess(root, accessors, columnOf(open));
    }

    private static string ReadName(string body, ref int p)
    {
        var start = p;
        while (p < body.Length && body[p] is not ('.' or '[' or ']' or ' ' or '"')) p++;
        return body[start..p];
    }
}

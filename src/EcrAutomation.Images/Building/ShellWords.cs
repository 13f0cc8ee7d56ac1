using System.Text;

namespace EcrAutomation.Images.Building;

/// <summary>
/// Dockerfile word processing: quotes, the escape character and variable substitution
/// (<c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-default}</c>, <c>${VAR-default}</c>, <c>${VAR:+alt}</c>, <c>${VAR+alt}</c>).
/// </summary>
internal static class ShellWords
{
    /// <summary>Expands one word, removing quotes.</summary>
    public static string ExpandWord(string text, Func<string, string?> lookup, char escape) =>
        string.Concat(Process(text, lookup, escape, split: false));

    /// <summary>Splits on unquoted whitespace, expanding and unquoting each word.</summary>
    public static IReadOnlyList<string> ExpandWords(string text, Func<string, string?> lookup, char escape) =>
        Process(text, lookup, escape, split: true);

    /// <summary>Splits on unquoted whitespace keeping quotes and escapes (for key=value parsing).</summary>
    public static IReadOnlyList<string> SplitRaw(string text, char escape)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote == '\0' && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    words.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
            if (c == escape && quote != '\'' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
            }
            else if (quote == '\0' && c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == quote)
            {
                quote = '\0';
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static List<string> Process(string text, Func<string, string?> lookup, char escape, bool split)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (split && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }

                i++;
                continue;
            }

            inWord = true;
            if (c == escape)
            {
                if (i + 1 < text.Length)
                {
                    current.Append(text[i + 1]);
                    i += 2;
                }
                else
                {
                    current.Append(c);
                    i++;
                }
            }
            else if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                if (end < 0)
                {
                    throw new FormatException($"unexpected end of statement while looking for matching single-quote in: {text}");
                }

                current.Append(text, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == escape && i + 1 < text.Length && text[i + 1] is '"' or '$' || (text[i] == escape && i + 1 < text.Length && text[i + 1] == escape))
                    {
                        current.Append(text[i + 1]);
                        i += 2;
                    }
                    else if (text[i] == '$')
                    {
                        i = ExpandVariable(text, i, lookup, current, escape);
                    }
                    else
                    {
                        current.Append(text[i++]);
                    }
                }

                if (i >= text.Length)
                {
                    throw new FormatException($"unexpected end of statement while looking for matching double-quote in: {text}");
                }

                i++;
            }
            else if (c == '$')
            {
                i = ExpandVariable(text, i, lookup, current, escape);
            }
            else
            {
                current.Append(c);
                i++;
            }
        }

        if (inWord || (!split && words.Count == 0))
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static int ExpandVariable(string text, int dollar, Func<string, string?> lookup, StringBuilder output, char escape)
    {
        var i = dollar + 1;
        if (i >= text.Length)
        {
            output.Append('$');
            return i;
        }

        if (text[i] == '{')
        {
            var close = FindClosingBrace(text, i + 1);
            if (close < 0)
            {
                throw new FormatException($"missing '}}' in: {text}");
            }

            var body = text[(i + 1)..close];
            var nameLength = 0;
            while (nameLength < body.Length && (char.IsAsciiLetterOrDigit(body[nameLength]) || body[nameLength] == '_'))
            {
                nameLength++;
            }

            var name = body[..nameLength];
            var modifier = body[nameLength..];
            var value = lookup(name);
            string result;
            if (modifier.Length == 0)
            {
                result = value ?? string.Empty;
            }
            else if (modifier.StartsWith(":-", StringComparison.Ordinal))
            {
                result = string.IsNullOrEmpty(value) ? ExpandWord(modifier[2..], lookup, escape) : value;
            }
            else if (modifier.StartsWith('-'))
            {
                result = value ?? ExpandWord(modifier[1..], lookup, escape);
            }
            else if (modifier.StartsWith(":+", StringComparison.Ordinal))
            {
                result = string.IsNullOrEmpty(value) ? string.Empty : ExpandWord(modifier[2..], lookup, escape);
            }
            else if (modifier.StartsWith('+'))
            {
                result = value is null ? string.Empty : ExpandWord(modifier[1..], lookup, escape);
            }
            else if (modifier.StartsWith(":?", StringComparison.Ordinal) || modifier.StartsWith('?'))
            {
                var message = modifier.TrimStart(':')[1..];
                result = string.IsNullOrEmpty(value) && (modifier[0] == ':' || value is null)
                    ? throw new FormatException($"{name}: {(message.Length > 0 ? message : "is not allowed to be unset")}")
                    : value ?? string.Empty;
            }
            else
            {
                throw new FormatException($"unsupported modifier ({modifier}) in substitution: {text}");
            }

            output.Append(result);
            return close + 1;
        }

        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        if (i == start)
        {
            output.Append('$');
            return i;
        }

        output.Append(lookup(text[start..i]) ?? string.Empty);
        return i;
    }

    private static int FindClosingBrace(string text, int from)
    {
        var depth = 1;
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}

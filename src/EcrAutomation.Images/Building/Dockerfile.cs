using System.Text;
using System.Text.Json;

namespace EcrAutomation.Images.Building;

/// <summary>A parsed Dockerfile: parser directives and instructions.</summary>
public sealed record Dockerfile
{
    /// <summary>The escape character (<c>\</c> unless the <c># escape=`</c> directive says otherwise).</summary>
    public char EscapeChar { get; init; } = '\\';

    /// <summary>The instructions in file order, each with its line, flags and arguments.</summary>
    public required IReadOnlyList<DockerfileInstruction> Instructions { get; init; }

    /// <summary>
    /// Parses Dockerfile text: parser directives, comments, line continuations, flags and the JSON exec form.
    /// </summary>
    /// <exception cref="DockerfileException">The text is not a valid Dockerfile.</exception>
    public static Dockerfile Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var escape = '\\';
        var index = 0;

        // Parser directives: only at the very top, "# name=value", stopping at the first other line.
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (; index < lines.Length; index++)
        {
            var trimmed = lines[index].Trim();
            if (!trimmed.StartsWith('#'))
            {
                break;
            }

            var body = trimmed[1..].Trim();
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || body[..eq].Trim().Contains(' ', StringComparison.Ordinal))
            {
                break;
            }

            var name = body[..eq].Trim();
            var value = body[(eq + 1)..].Trim();
            if (!seen.Add(name))
            {
                break;
            }

            if (string.Equals(name, "escape", StringComparison.OrdinalIgnoreCase))
            {
                escape = value switch
                {
                    "\\" => '\\',
                    "`" => '`',
                    _ => throw new DockerfileException($"invalid escape token '{value}' does not match ` or \\", index + 1),
                };
            }
        }

        var instructions = new List<DockerfileInstruction>();
        while (index < lines.Length)
        {
            var line = lines[index];
            var trimmedStart = line.TrimStart();
            if (trimmedStart.Length == 0 || trimmedStart.StartsWith('#'))
            {
                index++;
                continue;
            }

            var startLine = index + 1;
            var builder = new StringBuilder();
            while (true)
            {
                var current = lines[index].TrimEnd();
                index++;
                if (current.Length > 0 && current[^1] == escape)
                {
                    builder.Append(current, 0, current.Length - 1);
                    // Skip comment and blank lines inside a continuation, as Docker does.
                    while (index < lines.Length && (lines[index].Trim().Length == 0 || lines[index].TrimStart().StartsWith('#')))
                    {
                        index++;
                    }

                    if (index >= lines.Length)
                    {
                        break;
                    }

                    continue;
                }

                builder.Append(current);
                break;
            }

            instructions.Add(ParseInstruction(builder.ToString().Trim(), startLine));
        }

        return new Dockerfile { EscapeChar = escape, Instructions = instructions };
    }

    private static readonly HashSet<string> FlagInstructions = new(StringComparer.Ordinal)
    {
        "FROM", "COPY", "ADD", "RUN", "HEALTHCHECK",
    };

    private static DockerfileInstruction ParseInstruction(string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var rest = space < 0 ? string.Empty : text[(space + 1)..].TrimStart();
        var flags = new List<KeyValuePair<string, string?>>();
        if (FlagInstructions.Contains(keyword))
        {
            while (rest.StartsWith("--", StringComparison.Ordinal))
            {
                var end = rest.IndexOfAny([' ', '\t']);
                var flag = end < 0 ? rest : rest[..end];
                rest = end < 0 ? string.Empty : rest[(end + 1)..].TrimStart();
                var eq = flag.IndexOf('=', StringComparison.Ordinal);
                flags.Add(eq < 0
                    ? new KeyValuePair<string, string?>(flag[2..], null)
                    : new KeyValuePair<string, string?>(flag[2..eq], flag[(eq + 1)..]));
            }
        }

        IReadOnlyList<string>? json = null;
        if (rest.StartsWith('[') && rest.EndsWith(']'))
        {
            try
            {
                json = JsonSerializer.Deserialize<List<string>>(rest);
            }
            catch (JsonException)
            {
                // Not valid JSON: Docker falls back to the shell form.
                json = null;
            }
        }

        return new DockerfileInstruction { Keyword = keyword, Arguments = rest, Flags = flags, JsonArguments = json, Line = line, Text = text };
    }
}

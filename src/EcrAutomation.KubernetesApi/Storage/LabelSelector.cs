using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>A parsed Kubernetes label selector (<c>a=b,c!=d,e in (f,g),h notin (i),j,!k</c>).</summary>
internal sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<JsonObject?, bool>> _requirements;

    private LabelSelector(IReadOnlyList<Func<JsonObject?, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    /// <exception cref="FormatException">The selector is not valid syntax.</exception>
    public static LabelSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        return new LabelSelector(SplitTopLevel(selector).Select(ParseRequirement).ToList());
    }

    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        return _requirements.All(requirement => requirement(labels));
    }

    /// <summary>Reads a label in place (selectors run over every object of a list: no copies).</summary>
    private static bool TryGet(JsonObject? labels, string key, out string value)
    {
        if (labels is not null && labels.TryGetPropertyValue(key, out var node))
        {
            value = node?.ToString() ?? string.Empty;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static IEnumerable<string> SplitTopLevel(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return selector[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return selector[start..];
    }

    private static Func<JsonObject?, bool> ParseRequirement(string text)
    {
        var requirement = text.Trim();
        if (requirement.Length == 0)
        {
            throw new FormatException("a label selector has an empty requirement (two commas in a row?)");
        }

        if (requirement.StartsWith('!'))
        {
            var absent = ValidKey(requirement[1..].Trim(), text);
            return labels => !TryGet(labels, absent, out _);
        }

        foreach (var (op, negate) in new[] { (" notin ", true), (" in ", false) })
        {
            var at = requirement.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = ValidKey(requirement[..at].Trim(), text);
                var set = requirement[(at + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw new FormatException($"label selector '{text}': the values of '{op.Trim()}' must be in parentheses");
                }

                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                return negate
                    ? labels => !TryGet(labels, key, out var v) || !values.Contains(v)
                    : labels => TryGet(labels, key, out var v) && values.Contains(v);
            }
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = requirement.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = ValidKey(requirement[..at].Trim(), text);
                var value = requirement[(at + op.Length)..].Trim();
                return op == "!="
                    ? labels => !TryGet(labels, key, out var v) || v != value
                    : labels => TryGet(labels, key, out var v) && v == value;
            }
        }

        var exists = ValidKey(requirement, text);
        return labels => TryGet(labels, exists, out _);
    }

    private static string ValidKey(string key, string requirement) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            ? key
            : throw new FormatException($"unable to parse requirement: '{requirement.Trim()}' is not a valid label selector requirement");
}

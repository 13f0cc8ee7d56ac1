using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>A parsed Kubernetes field selector (<c>metadata.name=web,status.phase!=Running</c>) over an object's JSON fields.</summary>
internal sealed class FieldSelector
{
    private readonly IReadOnlyList<(string[] Path, string Value, bool Negated)> _terms;

    private FieldSelector(IReadOnlyList<(string[] Path, string Value, bool Negated)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The value an exact <c>metadata.name=</c> term pins, which lets a list skip scanning.</summary>
    public string? ExactName => _terms.FirstOrDefault(t => !t.Negated && t.Path is ["metadata", "name"]).Value;

    /// <exception cref="FormatException">The selector is not valid syntax.</exception>
    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        var terms = new List<(string[], string, bool)>();
        foreach (var raw in selector.Split(','))
        {
            var term = raw.Trim();
            var negated = term.Contains("!=", StringComparison.Ordinal);
            var op = negated ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=";
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new FormatException($"invalid selector: '{selector}'; can't understand '{term}'");
            }

            terms.Add((term[..at].Trim().Split('.'), term[(at + op.Length)..].Trim(), negated));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj) =>
        _terms.All(term => (ValueAt(obj, term.Path) == term.Value) != term.Negated);

    private static string ValueAt(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            node = node is JsonObject map ? map[segment] : null;
        }

        return node is JsonValue value ? value.ToString() : string.Empty;
    }
}

using System.Text;

namespace EcrAutomation.Kubernetes.Generator;

/// <summary>Builds one C# file: lines at an indentation, and XML doc comments escaped and wrapped.</summary>
internal sealed class CodeWriter
{
    private const int LineWidth = 120;
    private readonly StringBuilder _text = new();
    private int _indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, the body one level in, and <c>}</c> (plus <paramref name="after"/>).</summary>
    public CodeWriter Block(Action body, string after = "")
    {
        Line("{");
        _indent++;
        body();
        _indent--;
        return Line("}" + after);
    }

    /// <summary>A <c>&lt;summary&gt;</c> of plain text (escaped here), on one line when it fits, else wrapped.</summary>
    public CodeWriter Summary(string text) => DocElement("summary", Escape(text));

    /// <summary>An XML doc element whose content is already XML (may hold <c>&lt;c&gt;</c>, <c>&lt;see&gt;</c>).</summary>
    public CodeWriter DocElement(string element, string xml, string attributes = "")
    {
        var open = $"<{element}{attributes}>";
        var close = $"</{element}>";
        var single = $"/// {open}{xml}{close}";
        if (_indent * 4 + single.Length <= LineWidth) return Line(single);
        Line($"/// {open}");
        foreach (var line in Wrap(xml, LineWidth - _indent * 4 - 4)) Line("/// " + line);
        return Line($"/// {close}");
    }

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }

    public override string ToString() => _text.ToString();
}

using System.Globalization;
using EcrAutomation.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EcrAutomation.Yaml.Syntax;

/// <summary>
/// Turns YAML text into a <see cref="TemplateDecl"/>, keeping every node's file, line and column. Structural problems
/// (wrong shapes, invalid resource keys, malformed interpolations) are errors; unknown template keys and unexpected
/// casing are warnings, as in pulumi-yaml.
/// </summary>
internal static class TemplateParser
{
    /// <summary>The template keys pulumi-yaml reads, and the project keys a <c>Pulumi.yaml</c> may carry with them.</summary>
    private static readonly string[] TemplateKeys =
    [
        "name", "runtime", "description", "config", "configuration", "variables", "resources", "outputs",
        "namespace", "version", "pulumi", "packages", "main", "stackConfigDir", "backend", "options", "plugins",
        "template", "author", "website", "license",
    ];

    private static readonly string[] ResourceKeys = ["type", "name", "properties", "options", "get", "defaultProvider"];
    private static readonly string[] GetKeys = ["id", "state"];

    public static (TemplateDecl? Template, DiagnosticBag Diagnostics) Parse(string text, string fileName)
    {
        var diagnostics = new DiagnosticBag();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            diagnostics.Error(new SourceSpan(fileName, (int)e.Start.Line, (int)e.Start.Column), "invalid YAML: " + Message(e));
            return (null, diagnostics);
        }
        var parser = new Parser(fileName, diagnostics);
        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        var template = parser.Template(root);
        return (template, diagnostics);
    }

    /// <summary>YamlDotNet's message without its position prefix (the diagnostic has the position).</summary>
    private static string Message(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }

    private sealed class Parser(string fileName, DiagnosticBag diagnostics)
    {
        private SourceSpan SpanOf(YamlNode node) => new(fileName, (int)node.Start.Line, (int)node.Start.Column);

        public TemplateDecl? Template(YamlNode? root)
        {
            var span = root is null ? new SourceSpan(fileName, 1, 1) : SpanOf(root);
            if (root is null || root is YamlScalarNode { Value: null or "" })
                return new TemplateDecl(null, null, [], [], [], [], span);
            if (root is not YamlMappingNode mapping)
            {
                diagnostics.Error(span, "the program must be a YAML mapping with keys such as 'resources' and 'outputs'");
                return null;
            }
            string? name = null, description = null;
            var config = new List<ConfigParamDecl>();
            var variables = new List<VariableDecl>();
            var resources = new List<ResourceDecl>();
            var outputs = new List<OutputDecl>();
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var key = Field(keyNode, TemplateKeys, "Template", warnUnknown: true);
                switch (key)
                {
                    case "name": name = Text(valueNode); break;
                    case "description": description = Text(valueNode); break;
                    case "config":
                    case "configuration":
                        foreach (var (k, v) in Entries(valueNode, key)) config.Add(new ConfigParamDecl(k, Expression(v), key == "configuration"));
                        break;
                    case "variables":
                        foreach (var (k, v) in Entries(valueNode, key)) variables.Add(new VariableDecl(k, Expression(v)));
                        break;
                    case "resources":
                        foreach (var (k, v) in Entries(valueNode, key)) if (Resource(k, v) is { } r) resources.Add(r);
                        break;
                    case "outputs":
                        foreach (var (k, v) in Entries(valueNode, key)) outputs.Add(new OutputDecl(k, Expression(v)));
                        break;
                }
            }
            return new TemplateDecl(name, description, config, variables, resources, outputs, span);
        }

        /// <summary>The canonical spelling of a record key: exact, or case-insensitive with a warning; unknown keys warned (or null).</summary>
        private string? Field(YamlNode keyNode, string[] known, string objectName, bool warnUnknown)
        {
            var key = Text(keyNode) ?? "";
            if (known.Contains(key, StringComparer.Ordinal)) return key;
            var match = known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                diagnostics.Warning(SpanOf(keyNode), $"Field '{key}' has unexpected casing; it is read as '{match}'");
                return match;
            }
            if (warnUnknown)
                diagnostics.Warning(SpanOf(keyNode), $"Field '{key}' does not exist on Object '{objectName}'", Spelling.DidYouMean(key, known));
            return null;
        }

        private IEnumerable<(StringExpr Key, YamlNode Value)> Entries(YamlNode node, string section)
        {
            if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" }) yield break;
            if (node is not YamlMappingNode mapping)
            {
                diagnostics.Error(SpanOf(node), $"'{section}' must be a mapping of names to values");
                yield break;
            }
            foreach (var (k, v) in mapping.Children) yield return (Key(k), v);
        }

        private StringExpr Key(YamlNode node)
        {
            if (node is not YamlScalarNode scalar)
            {
                diagnostics.Error(SpanOf(node), "a key must be a string");
                return new StringExpr(SpanOf(node), "");
            }
            return new StringExpr(SpanOf(node), scalar.Value ?? "");
        }

        private ResourceDecl? Resource(StringExpr key, YamlNode node)
        {
            var span = SpanOf(node);
            if (node is not YamlMappingNode mapping)
            {
                diagnostics.Error(span, $"Resource {key.Value} must be a mapping with a 'type' and 'properties'");
                return null;
            }
            StringExpr? type = null, logicalName = null;
            ObjectExpr? properties = null, options = null;
            GetResourceDecl? get = null;
            Expr? defaultProvider = null;
            foreach (var (keyNode, valueNode) in mapping.Children)
            {
                var field = Field(keyNode, ResourceKeys, key.Value, warnUnknown: false);
                switch (field)
                {
                    case null:
                        diagnostics.Error(SpanOf(keyNode), $"Resource {key.Value} has invalid key '{Text(keyNode)}'",
                            Spelling.DidYouMean(Text(keyNode) ?? "", ResourceKeys) ?? "Valid keys are: " + string.Join(", ", ResourceKeys));
                        break;
                    case "type": type = StringField(valueNode, $"the type of resource {key.Value}"); break;
                    case "name": logicalName = StringField(valueNode, $"the name of resource {key.Value}"); break;
                    case "properties": properties = ObjectField(valueNode, $"the properties of resource {key.Value}"); break;
                    case "options": options = ObjectField(valueNode, $"the options of resource {key.Value}"); break;
                    case "defaultProvider": defaultProvider = Expression(valueNode); break;
                    case "get": get = Get(key, valueNode); break;
                }
            }
            if (type is null) diagnostics.Error(span, $"Resource {key.Value} is missing its 'type'");
            if (properties is not null && get is not null)
                diagnostics.Error(span, $"Resource {key.Value}: properties and get are mutually exclusive", "use 'get' to read an existing resource, 'properties' to manage one");
            return new ResourceDecl(key, type, properties, options, get, defaultProvider, span, logicalName);
        }

        private GetResourceDecl? Get(StringExpr resource, YamlNode node)
        {
            if (ObjectField(node, $"'get' of resource {resource.Value}") is not { } body) return null;
            Expr? id = null;
            ObjectExpr? state = null;
            foreach (var entry in body.Entries)
            {
                if (entry.Key.Value == "id") id = entry.Value;
                else if (entry.Key.Value == "state")
                {
                    state = entry.Value as ObjectExpr;
                    if (state is null) diagnostics.Error(entry.Value.Span, $"'get.state' of resource {resource.Value} must be a mapping");
                }
                else
                    diagnostics.Error(entry.Key.Span, $"Field '{entry.Key.Value}' does not exist on Object 'get'", Spelling.DidYouMean(entry.Key.Value, GetKeys));
            }
            if (id is null) diagnostics.Error(body.Span, $"'get' of resource {resource.Value} needs an 'id'");
            return id is null ? null : new GetResourceDecl(id, state, body.Span);
        }

        private StringExpr? StringField(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: { } value } scalar && value.Length > 0) return new StringExpr(SpanOf(scalar), value);
            diagnostics.Error(SpanOf(node), $"{what} must be a string");
            return null;
        }

        private ObjectExpr? ObjectField(YamlNode node, string what)
        {
            switch (Expression(node))
            {
                case ObjectExpr o: return o;
                case NullExpr: return null;
                default:
                    diagnostics.Error(SpanOf(node), $"{what} must be a mapping");
                    return null;
            }
        }

        private static string? Text(YamlNode node) => (node as YamlScalarNode)?.Value;

        public Expr Expression(YamlNode node)
        {
            var span = SpanOf(node);
            switch (node)
            {
                case YamlSequenceNode sequence:
                    return new ListExpr(span, [.. sequence.Children.Select(Expression)]);
                case YamlMappingNode mapping:
                    var entries = mapping.Children.Select(kv => new ObjectEntry(Key(kv.Key), Expression(kv.Value))).ToList();
                    if (entries.Count == 1 && entries[0].Key.Value.StartsWith("fn::", StringComparison.OrdinalIgnoreCase))
                        return new BuiltinExpr(span, entries[0].Key.Value, entries[0].Value);
                    foreach (var entry in entries.Where(e => e.Key.Value.StartsWith("fn::", StringComparison.OrdinalIgnoreCase)))
                        diagnostics.Warning(entry.Key.Span, $"'{entry.Key.Value}' is a reserved key: a built-in function call must be the only key of its mapping");
                    return new ObjectExpr(span, entries);
                case YamlScalarNode scalar:
                    return Scalar(scalar, span);
                default:
                    diagnostics.Error(span, "unsupported YAML node");
                    return new NullExpr(span);
            }
        }

        private Expr Scalar(YamlScalarNode scalar, SourceSpan span)
        {
            var value = scalar.Value ?? "";
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            if (scalar.Style == ScalarStyle.Plain && tag is null)
            {
                if (value is "" or "~" or "null" or "Null" or "NULL") return new NullExpr(span);
                if (value is "true" or "True" or "TRUE") return new BooleanExpr(span, true);
                if (value is "false" or "False" or "FALSE") return new BooleanExpr(span, false);
                if (IsNumber(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    return new NumberExpr(span, number);
            }
            // Exact columns inside a string are known when it is one line, as written: plain, or quoted (one to the right).
            var offset = scalar.Style switch
            {
                ScalarStyle.Plain => 0,
                ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => 1,
                _ => -1,
            };
            var singleLine = offset >= 0 && scalar.Start.Line == scalar.End.Line && !value.Contains('\n', StringComparison.Ordinal);
            return InterpolationParser.Parse(value, span, i => singleLine ? span with { Column = span.Column + offset + i } : span, diagnostics);
        }

        private static bool IsNumber(string value) =>
            value.Length > 0 && (char.IsAsciiDigit(value[0]) || (value[0] is '-' or '+' or '.' && value.Length > 1 && (char.IsAsciiDigit(value[1]) || value[1] == '.')))
            && value.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E');
    }
}

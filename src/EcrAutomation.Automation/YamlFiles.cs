using YamlDotNet.RepresentationModel;

namespace EcrAutomation.Automation;

/// <summary>Reads Pulumi's YAML settings files with errors that name the file, line and column.</summary>
internal static class YamlFiles
{
    public static YamlMappingNode LoadMapping(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            var reason = (e.InnerException ?? e).Message;
            throw new ConfigException($"{path}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {Unlocated(reason)}");
        }
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode)) return new YamlMappingNode();
        var root = stream.Documents[0].RootNode;
        return root as YamlMappingNode ?? throw Error(path, root, $"the top level must be a mapping of keys to values, not {Describe(root)}");
    }

    /// <summary>A string value, or null when the key is absent or empty; any other kind of value is an error naming its line.</summary>
    public static string? Scalar(string path, YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var v) || IsNull(v)) return null;
        return v is YamlScalarNode s ? s.Value : throw Error(path, v, $"'{key}' must be a string, not {Describe(v)}");
    }

    public static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" or "null", Style: YamlDotNet.Core.ScalarStyle.Plain };

    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };

    /// <summary>An error pointing at a node: <c>file:line:column: message</c>, as compilers and editors show them.</summary>
    public static ConfigException Error(string path, YamlNode node, string message) => new($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");

    /// <summary>YamlDotNet prefixes its messages with "(Line: 1, Col: 2, Idx: 3) - (...): "; the location is given separately.</summary>
    private static string Unlocated(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", "");

    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':') && !value.Contains(": ") && !char.IsDigit(value[0]) && value is not ("true" or "false" or "null" or "yes" or "no")
            ? value
            : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

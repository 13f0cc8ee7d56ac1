using YamlDotNet.RepresentationModel;

namespace EcrAutomation.Configuration;

/// <summary>The parts of <c>Pulumi.yaml</c> the engine uses.</summary>
public sealed record ProjectSettings(string Name, string Runtime = "dotnet", string? Description = null, string? StackConfigDir = null)
{
    public const string FileName = "Pulumi.yaml";

    /// <summary>Reads <c>Pulumi.yaml</c> from a folder, or returns null when there is none.</summary>
    public static ProjectSettings? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        var root = YamlFiles.LoadMapping(path);
        var name = YamlFiles.Scalar(path, root, "name") ?? throw new ConfigException($"{path}: 'name' is required (the project's name, e.g. name: my-project)");
        if (!IsValidName(name))
            throw YamlFiles.Error(path, root.Children[new YamlScalarNode("name")], $"'{name}' is not a valid project name: use 1-100 letters, digits, '-', '_' and '.' (not '.' or '..')");
        var runtime = root.Children.TryGetValue(new YamlScalarNode("runtime"), out var r)
            ? r is YamlMappingNode m ? YamlFiles.Scalar(path, m, "name") : YamlFiles.Scalar(path, root, "runtime")
            : null;
        return new ProjectSettings(name, runtime ?? "dotnet", YamlFiles.Scalar(path, root, "description"), YamlFiles.Scalar(path, root, "stackConfigDir"));
    }

    /// <summary>Pulumi's rule for project names; they also name a folder of the state.</summary>
    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && name is not ("." or "..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public void Save(string directory)
    {
        var lines = new List<string> { $"name: {Name}", $"runtime: {Runtime}" };
        if (Description is not null) lines.Add($"description: {YamlFiles.Quote(Description)}");
        if (StackConfigDir is not null) lines.Add($"stackConfigDir: {StackConfigDir}");
        File.WriteAllText(Path.Combine(directory, FileName), string.Join("\n", lines) + "\n");
    }
}

/// <summary>A config value as written in a stack file: plain text or a <c>secure:</c> ciphertext.</summary>
public sealed record ConfigValue(string Value, bool IsSecret);

/// <summary><c>Pulumi.&lt;stack&gt;.yaml</c>: namespaced config keys, secure values and the passphrase salt.</summary>
public sealed class StackSettings
{
    public string? EncryptionSalt { get; set; }
    public SortedDictionary<string, ConfigValue> Config { get; } = new(StringComparer.Ordinal);

    public static string PathFor(string projectDir, ProjectSettings project, string stack) =>
        Path.Combine(projectDir, project.StackConfigDir ?? "", $"Pulumi.{stack}.yaml");

    /// <summary>Reads a stack config file (an absent file is empty); anything but string values or <c>{secure: ...}</c> is an error naming its line.</summary>
    public static StackSettings Load(string path)
    {
        var settings = new StackSettings();
        if (!File.Exists(path)) return settings;
        var root = YamlFiles.LoadMapping(path);
        settings.EncryptionSalt = YamlFiles.Scalar(path, root, "encryptionsalt");
        if (!root.Children.TryGetValue(new YamlScalarNode("config"), out var config) || YamlFiles.IsNull(config)) return settings;
        if (config is not YamlMappingNode map)
            throw YamlFiles.Error(path, config, $"'config' must be a mapping of `namespace:key: value` entries, not {YamlFiles.Describe(config)}");
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { } name }) throw YamlFiles.Error(path, k, $"a config key must be a string, not {YamlFiles.Describe(k)}");
            string key;
            try { key = ConfigKey.Normalize(name, null); }
            catch (ConfigException e) { throw YamlFiles.Error(path, k, e.Message); }
            settings.Config[key] = v switch
            {
                YamlScalarNode s => new ConfigValue(s.Value ?? "", false),
                YamlMappingNode m when m.Children.Count == 1 && YamlFiles.Scalar(path, m, "secure") is { } secure => new ConfigValue(secure, true),
                _ => throw YamlFiles.Error(path, v, $"config value '{key}' must be a string or {{secure: ...}}, not {YamlFiles.Describe(v)}"),
            };
            if (settings.Config[key].IsSecret && settings.EncryptionSalt is null)
                throw YamlFiles.Error(path, v, $"config value '{key}' is encrypted but the file has no encryptionsalt to decrypt it with; set the value again with `config set --secret`, or restore the file's encryptionsalt");
        }
        return settings;
    }

    public void Save(string path)
    {
        var lines = new List<string>();
        if (EncryptionSalt is not null) lines.Add($"encryptionsalt: {EncryptionSalt}");
        if (Config.Count > 0)
        {
            lines.Add("config:");
            foreach (var (k, v) in Config)
            {
                if (v.IsSecret) { lines.Add($"  {k}:"); lines.Add($"    secure: {v.Value}"); }
                else lines.Add($"  {k}: {YamlFiles.Quote(v.Value)}");
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, string.Join("\n", lines) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>Config key rules: <c>&lt;namespace&gt;:&lt;name&gt;</c>; bare keys take the project's namespace.</summary>
public static class ConfigKey
{
    public static string Normalize(string key, string? project)
    {
        var parts = key.Split(':');
        return parts.Length switch
        {
            1 when project is not null => $"{project}:{key}",
            2 when parts[0].Length > 0 && parts[1].Length > 0 => key,
            3 when parts[1] == "config" => $"{parts[0]}:{parts[2]}",
            _ => throw new ConfigException($"configuration keys should be of the form `<namespace>:<name>` (got '{key}')"),
        };
    }
}

/// <summary>A configuration problem the user can fix.</summary>
public sealed class ConfigException(string message) : Exception(message);

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

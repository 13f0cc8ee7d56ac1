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
        var name = YamlFiles.Scalar(root, "name") ?? throw new ConfigException($"{path}: 'name' is required");
        var runtime = root.Children.TryGetValue(new YamlScalarNode("runtime"), out var r)
            ? r is YamlScalarNode s ? s.Value : YamlFiles.Scalar((YamlMappingNode)r, "name")
            : null;
        return new ProjectSettings(name, runtime ?? "dotnet", YamlFiles.Scalar(root, "description"), YamlFiles.Scalar(root, "stackConfigDir"));
    }

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

    public static StackSettings Load(string path)
    {
        var settings = new StackSettings();
        if (!File.Exists(path)) return settings;
        var root = YamlFiles.LoadMapping(path);
        settings.EncryptionSalt = YamlFiles.Scalar(root, "encryptionsalt");
        if (root.Children.TryGetValue(new YamlScalarNode("config"), out var config) && config is YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children)
            {
                var key = ConfigKey.Normalize(((YamlScalarNode)k).Value!, null);
                settings.Config[key] = v switch
                {
                    YamlScalarNode s => new ConfigValue(s.Value ?? "", false),
                    YamlMappingNode m when YamlFiles.Scalar(m, "secure") is { } secure => new ConfigValue(secure, true),
                    _ => throw new ConfigException($"{path}: config value '{key}' must be a string or {{secure: ...}}"),
                };
            }
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
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(reader);
            if (stream.Documents.Count == 0) return new YamlMappingNode();
            return stream.Documents[0].RootNode as YamlMappingNode ?? throw new ConfigException($"{path}: the top level must be a mapping");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ConfigException($"{path} is not valid YAML: {e.Message}");
        }
    }

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;

    public static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':') && !value.Contains(": ") && !char.IsDigit(value[0]) && value is not ("true" or "false" or "null" or "yes" or "no")
            ? value
            : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}

using YamlDotNet.RepresentationModel;

namespace EcrAutomation.Automation;

/// <summary>The parts of <c>Pulumi.yaml</c> a workspace uses (Pulumi's <c>ProjectSettings</c>).</summary>
/// <param name="Name">The project's name; it names the state folder and the URNs.</param>
/// <param name="Runtime">The runtime named in the file; programs run in this process whatever it says.</param>
/// <param name="Description">A description of the project.</param>
/// <param name="StackConfigDir">The folder, relative to the project, that holds the stack config files; null: the project folder.</param>
public sealed record ProjectSettings(string Name, string Runtime = "dotnet", string? Description = null, string? StackConfigDir = null)
{
    /// <summary>Whether the project is a Pulumi YAML program (<c>runtime: yaml</c>), which the workspace runs when given no other program.</summary>
    public bool IsYaml => string.Equals(Runtime, "yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The project file's name.</summary>
    public const string FileName = "Pulumi.yaml";

    /// <summary>
    /// Pulumi.yaml's <c>backend: url:</c>: where the project's stacks keep their state (<c>file://PATH</c>,
    /// <c>s3://bucket/prefix?region=...</c>), unless the workspace options or <c>PULUMI_BACKEND_URL</c> name another.
    /// </summary>
    public string? BackendUrl { get; init; }

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
        var backend = root.Children.TryGetValue(new YamlScalarNode("backend"), out var b) && !YamlFiles.IsNull(b)
            ? b as YamlMappingNode ?? throw YamlFiles.Error(path, b, $"'backend' must be a mapping with a 'url' (backend:\n  url: s3://bucket), not {YamlFiles.Describe(b)}")
            : null;
        return new ProjectSettings(name, runtime ?? "dotnet", YamlFiles.Scalar(path, root, "description"), YamlFiles.Scalar(path, root, "stackConfigDir"))
        {
            BackendUrl = backend is null ? null : YamlFiles.Scalar(path, backend, "url"),
        };
    }

    /// <summary>Pulumi's rule for project names; they also name a folder of the state.</summary>
    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && name is not ("." or "..") && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Writes <c>Pulumi.yaml</c> into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        var lines = new List<string> { $"name: {Name}", $"runtime: {Runtime}" };
        if (Description is not null) lines.Add($"description: {YamlFiles.Quote(Description)}");
        if (StackConfigDir is not null) lines.Add($"stackConfigDir: {StackConfigDir}");
        if (BackendUrl is not null) lines.AddRange(["backend:", $"  url: {YamlFiles.Quote(BackendUrl)}"]);
        File.WriteAllText(Path.Combine(directory, FileName), string.Join("\n", lines) + "\n");
    }
}

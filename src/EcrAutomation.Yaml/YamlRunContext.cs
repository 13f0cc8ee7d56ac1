namespace EcrAutomation.Yaml;

/// <summary>What a YAML program runs with: the project folder (relative paths in the program resolve against it).</summary>
public sealed class YamlRunContext
{
    /// <summary>The project folder: the one holding <c>Pulumi.yaml</c>.</summary>
    public required string ProjectDirectory { get; init; }
}

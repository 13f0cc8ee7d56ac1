using EcrAutomation.Automation;
using EcrAutomation.Yaml;

namespace EcrAutomation.Cli.Programs;

/// <summary>The program of a project whose <c>Pulumi.yaml</c> says <c>runtime: yaml</c>: its Pulumi YAML program, checked against the CLI's packages.</summary>
internal static class YamlProjectProgram
{
    /// <summary>How messages name the program of a YAML project.</summary>
    public const string Name = "yaml";

    /// <summary>
    /// Reads the project's YAML program (inline in <c>Pulumi.yaml</c>, or <c>Main.yaml</c>) and checks it against the
    /// workspace's catalogs and the stack's <paramref name="config"/>; throws <see cref="YamlProgramException"/> with every
    /// error, before anything is touched. Its warnings are shown by the run, with the engine's diagnostics.
    /// </summary>
    public static PulumiFn LoadChecked(WorkspaceStack stack, IReadOnlyDictionary<string, ConfigValue> config)
    {
        var workspace = stack.Workspace;
        var program = YamlProgram.Load(workspace.WorkDir);
        var context = new YamlRunContext { ProjectDirectory = workspace.WorkDir, Resources = workspace.ResourceCatalog, Functions = workspace.FunctionCatalog };
        program.Check(context, workspace.Project.Name, config.ToDictionary(kv => kv.Key, kv => kv.Value.Value), config.Where(kv => kv.Value.IsSecret).Select(kv => kv.Key).ToHashSet());
        return PulumiFn.FromYaml(program);
    }
}

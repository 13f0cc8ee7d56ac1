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
    /// workspace's catalogs; throws <see cref="YamlProgramException"/> with every error, before anything is touched.
    /// </summary>
    public static PulumiFn LoadChecked(LocalWorkspace workspace)
    {
        var program = YamlProgram.Load(workspace.WorkDir);
        program.Check(new YamlRunContext { ProjectDirectory = workspace.WorkDir, Resources = workspace.ResourceCatalog, Functions = workspace.FunctionCatalog });
        return PulumiFn.FromYaml(program);
    }
}

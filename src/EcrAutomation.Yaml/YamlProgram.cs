using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml;

/// <summary>
/// A Pulumi YAML program (pulumi-yaml's template: config, variables, resources, outputs). Parse or load it once, then run
/// it inside a deployment (an inline program of the Automation API): it is checked against the resource and function
/// catalogs first (every error at once, before any resource is touched), then evaluated in dependency order by the
/// engine, constructing the same resource classes a C# program would.
/// </summary>
public sealed class YamlProgram
{
    private YamlProgram(TemplateDecl template, IReadOnlyList<YamlDiagnostic> warnings)
    {
        Template = template;
        Warnings = warnings;
    }

    internal TemplateDecl Template { get; }

    /// <summary>The program's <c>name</c>, when it has one.</summary>
    public string? Name => Template.Name;

    /// <summary>Warnings found while parsing (unknown keys, unexpected casing of keys).</summary>
    public IReadOnlyList<YamlDiagnostic> Warnings { get; }

    /// <summary>Parses a program from text.</summary>
    /// <param name="text">The YAML text (a whole <c>Pulumi.yaml</c> or <c>Main.yaml</c>).</param>
    /// <param name="fileName">The name diagnostics print.</param>
    /// <exception cref="YamlProgramException">The text is not a valid template; carries every error found.</exception>
    public static YamlProgram Parse(string text, string fileName = "Pulumi.yaml") => throw new NotImplementedException();

    /// <summary>
    /// Loads the program of a project folder: inline in <c>Pulumi.yaml</c>, or in <c>Main.yaml</c> of the folder that
    /// <c>Pulumi.yaml</c>'s <c>main:</c> names (the project folder by default).
    /// </summary>
    /// <exception cref="YamlProgramException">The program is not a valid template.</exception>
    /// <exception cref="FileNotFoundException">There is no <c>Pulumi.yaml</c>.</exception>
    public static YamlProgram Load(string projectDirectory) => throw new NotImplementedException();

    /// <summary>
    /// Checks and runs the program; call it inside a running deployment (an inline program). Returns the stack outputs
    /// (secrets stay secret).
    /// </summary>
    /// <exception cref="YamlProgramException">The check found errors (all of them), or evaluation failed.</exception>
    public Task<IDictionary<string, object?>> RunAsync(YamlRunContext context, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}

using EcrAutomation.Deployment;
using EcrAutomation.Events;
using EcrAutomation.Yaml.Analysis;
using EcrAutomation.Yaml.Configuration;
using EcrAutomation.Yaml.Evaluation;
using EcrAutomation.Yaml.Syntax;
using YamlDotNet.RepresentationModel;

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
    public static YamlProgram Parse(string text, string fileName = "Pulumi.yaml")
    {
        var (template, diagnostics) = TemplateParser.Parse(text, fileName);
        diagnostics.ThrowIfErrors();
        return new YamlProgram(template!, diagnostics.Items);
    }

    /// <summary>
    /// Loads the program of a project folder: inline in <c>Pulumi.yaml</c>, or in <c>Main.yaml</c> of the folder that
    /// <c>Pulumi.yaml</c>'s <c>main:</c> names (the project folder by default).
    /// </summary>
    /// <exception cref="YamlProgramException">The program is not a valid template.</exception>
    /// <exception cref="FileNotFoundException">There is no <c>Pulumi.yaml</c>.</exception>
    public static YamlProgram Load(string projectDirectory)
    {
        var projectFile = Path.Combine(projectDirectory, "Pulumi.yaml");
        if (!File.Exists(projectFile)) throw new FileNotFoundException($"no Pulumi.yaml in {projectDirectory}: a YAML project needs one", projectFile);
        var projectText = File.ReadAllText(projectFile);
        var mainFile = Path.Combine(projectDirectory, MainFolder(projectText) ?? "", "Main.yaml");
        if (!File.Exists(mainFile)) return Parse(projectText, "Pulumi.yaml");
        var program = Parse(File.ReadAllText(mainFile), Path.GetRelativePath(projectDirectory, mainFile));
        return program.Template.Name is null ? program.WithName(Parse(projectText, "Pulumi.yaml").Name) : program;
    }

    /// <summary>The <c>main:</c> folder of a project file, if it names one.</summary>
    private static string? MainFolder(string projectText)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(projectText));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return null; // Parse reports it with its position.
        }
        return stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("main"), out var main) && main is YamlScalarNode { Value: { Length: > 0 } folder }
            ? folder
            : null;
    }

    private YamlProgram WithName(string? name) => new(Template with { Name = name }, Warnings);

    /// <summary>
    /// Checks and runs the program; call it inside a running deployment (an inline program). Returns the stack outputs
    /// (secrets stay secret).
    /// </summary>
    /// <exception cref="YamlProgramException">The check found errors (all of them), or evaluation failed.</exception>
    public async Task<IDictionary<string, object?>> RunAsync(YamlRunContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deployment = DeploymentContext.Current ?? throw new InvalidOperationException("a YAML program runs inside a deployment: call RunAsync from an inline program");
        var (config, checkedTemplate, diagnostics) = CheckAgainst(context, ConfigSource.Current());
        foreach (var warning in diagnostics.Items.Where(d => d.Severity == DiagnosticSeverity.Warning))
            deployment.Log(DiagnosticSeverity.Warning, warning.ToString(), null);
        diagnostics.ThrowIfErrors();
        return await new TemplateEvaluator(Template, checkedTemplate!, config, context, deployment).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the program against the catalogs and a stack's configuration without running it, as <see cref="RunAsync"/>
    /// does first: hosts call it before they lock or touch a stack, so a broken program changes nothing.
    /// </summary>
    /// <param name="context">The catalogs and project folder the program will run with.</param>
    /// <param name="projectName">The project's name: the namespace of the program's own config keys.</param>
    /// <param name="config">The stack's configuration by full key (<c>proj:key</c>, <c>aws:region</c>), secrets decrypted.</param>
    /// <param name="secretKeys">Which of <paramref name="config"/>'s keys are secret.</param>
    /// <returns>The warnings found.</returns>
    /// <exception cref="YamlProgramException">The check found errors (all of them, with the warnings).</exception>
    public IReadOnlyList<YamlDiagnostic> Check(YamlRunContext context, string projectName, IReadOnlyDictionary<string, string> config, IReadOnlySet<string>? secretKeys = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, _, diagnostics) = CheckAgainst(context, new ConfigSource(projectName, config, secretKeys ?? new HashSet<string>()));
        diagnostics.ThrowIfErrors();
        return diagnostics.Items;
    }

    private (ConfigValues Config, CheckedTemplate? Checked, DiagnosticBag Diagnostics) CheckAgainst(YamlRunContext context, ConfigSource source)
    {
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(Warnings);
        var config = ConfigEntries.Bind(Template.Config, source, diagnostics);
        var checkedTemplate = TemplateChecker.Check(Template, context.Resources, context.Functions, name => config.TryGet(name, out _), diagnostics);
        return (config, checkedTemplate, diagnostics);
    }
}

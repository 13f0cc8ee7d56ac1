using EcrAutomation.Deployment;
using EcrAutomation.Yaml;

namespace EcrAutomation.Automation;

/// <summary>
/// An inline program: a delegate that creates resources and returns the stack outputs, a Stack class, or a Pulumi YAML
/// program.
/// </summary>
public sealed class PulumiFn
{
    private readonly Func<WorkspaceStack, StackConfig, ProgramDefinition> _prepare;

    private PulumiFn(ProgramDefinition definition) => _prepare = (_, _) => definition;

    private PulumiFn(Func<WorkspaceStack, StackConfig, ProgramDefinition> prepare) => _prepare = prepare;

    /// <summary>
    /// The program an operation of <paramref name="stack"/> runs with <paramref name="config"/>. A YAML program is read
    /// and checked here, before the operation takes its lock, so that its errors (<see cref="YamlProgramException"/>)
    /// leave everything untouched.
    /// </summary>
    internal ProgramDefinition Prepare(WorkspaceStack stack, StackConfig config) => _prepare(stack, config);

    /// <summary>An asynchronous program that returns the stack outputs; the token is canceled when the operation is.</summary>
    public static PulumiFn Create(Func<CancellationToken, Task<IDictionary<string, object?>>> program) =>
        new(ProgramDefinition.FromDelegate(async ct => await program(ct).ConfigureAwait(false)));

    /// <summary>An asynchronous program that returns the stack outputs.</summary>
    public static PulumiFn Create(Func<Task<IDictionary<string, object?>>> program) => Create(_ => program());

    /// <summary>A program that returns the stack outputs.</summary>
    public static PulumiFn Create(Func<IDictionary<string, object?>> program) => Create(_ => Task.FromResult(program()));

    /// <summary>An asynchronous program without outputs.</summary>
    public static PulumiFn Create(Func<Task> program) =>
        new(ProgramDefinition.FromDelegate(async _ => { await program().ConfigureAwait(false); return null; }));

    /// <summary>A program without outputs.</summary>
    public static PulumiFn Create(Action program) =>
        new(ProgramDefinition.FromDelegate(_ => { program(); return Task.FromResult<IDictionary<string, object?>?>(null); }));

    /// <summary>A program written as a class deriving from <see cref="Stack"/>; its [Output] properties are the outputs.</summary>
    public static PulumiFn Create<TStack>() where TStack : Stack, new() => new(ProgramDefinition.FromStack<TStack>());

    /// <summary>
    /// A Pulumi YAML program from text (a <c>Pulumi.yaml</c>'s <c>resources</c>, <c>variables</c>, <c>config</c> and
    /// <c>outputs</c>), run by the same engine and resource classes as a C# program. Its resource types and functions are
    /// those of the workspace's <see cref="LocalWorkspaceOptions.ResourceCatalog"/> and
    /// <see cref="LocalWorkspaceOptions.FunctionCatalog"/>; relative paths (<c>./app</c>, <c>fn::readFile</c>) resolve
    /// against the workspace's folder. The project's name is the workspace's, whatever the text's <c>name</c> says.
    /// </summary>
    /// <param name="yaml">The program's text.</param>
    /// <param name="fileName">The name its diagnostics print (<c>Pulumi.yaml:3:5: error: ...</c>).</param>
    /// <exception cref="YamlProgramException">The text is not a valid YAML program (every error found). Errors that need
    /// the catalogs (unknown types or properties, wrong types) are raised by the operation that runs it, before anything changes.</exception>
    public static PulumiFn FromYaml(string yaml, string fileName = "Pulumi.yaml") => FromYaml(YamlProgram.Parse(yaml, fileName));

    /// <summary>A parsed Pulumi YAML program; see <see cref="FromYaml(string, string)"/>.</summary>
    /// <param name="program">The program.</param>
    public static PulumiFn FromYaml(YamlProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new((stack, config) => YamlDefinition(program, stack, config));
    }

    /// <summary>The YAML program of a project folder whose <c>Pulumi.yaml</c> says <c>runtime: yaml</c>, read when an operation runs it.</summary>
    internal static PulumiFn FromYamlProject(string projectDirectory) =>
        new((stack, config) => YamlDefinition(YamlProgram.Load(projectDirectory), stack, config));

    private static ProgramDefinition YamlDefinition(YamlProgram program, WorkspaceStack stack, StackConfig config)
    {
        var workspace = stack.Workspace;
        var context = new YamlRunContext { ProjectDirectory = workspace.WorkDir, Resources = workspace.ResourceCatalog, Functions = workspace.FunctionCatalog };
        program.Check(context, workspace.Project.Name, config.Values, config.SecretKeys);
        return ProgramDefinition.FromDelegate(async ct => await program.RunAsync(context, ct).ConfigureAwait(false));
    }
}

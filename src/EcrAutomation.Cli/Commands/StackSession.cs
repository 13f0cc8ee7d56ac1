using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Cli.Cloud;
using EcrAutomation.Cli.Programs;
using ConfigValue = EcrAutomation.Automation.ConfigValue;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// A selected stack and, for the commands that run it, its config: read once, on first use, and then the one source of
/// the host's checks, the cloud and the program of the run.
/// </summary>
internal sealed class StackSession
{
    private readonly CommandContext _context;
    private Dictionary<string, string>? _config;

    private StackSession(CommandContext context, WorkspaceStack stack)
    {
        _context = context;
        Stack = stack;
    }

    public WorkspaceStack Stack { get; }

    public string Name => Stack.Name;

    /// <summary>The stack's config file, relative to the project folder, for messages.</summary>
    public string ConfigFile => ConfigFileOf(Stack.Workspace, Stack.Name);

    /// <summary>
    /// Selects the <c>--stack</c> stack. A missing one is created only for commands that deploy it, and only when its config
    /// file exists (and is usable): a mistyped name never creates a stack.
    /// </summary>
    public static async Task<StackSession> OpenAsync(CommandContext context, bool createIfConfigured, CancellationToken cancellationToken, string? stackName = null)
    {
        var workspace = await context.OpenWorkspaceAsync(cancellationToken);
        var stack = await SelectOrCreateAsync(workspace, stackName ?? context.Get(CommonOptions.Stack)!, createIfConfigured, cancellationToken);
        return new StackSession(context, stack);
    }

    /// <summary>
    /// Checks the stack's <c>ecr-automation:*</c> config (a wrong cloud is refused, unknown keys are warned about) and returns
    /// the cloud a run targets: stacks with <c>ecr-automation:cloud: local</c> run against the local cloud, started on demand
    /// (<paramref name="say"/> tells so), through config for the run only.
    /// </summary>
    public async Task<CloudTarget> TargetCloudAsync(Action<string> say, CancellationToken cancellationToken)
    {
        var stackConfig = await ConfigAsync(cancellationToken);
        HostConfig.Validate(stackConfig, ConfigFile);
        foreach (var warning in HostConfig.Warnings(stackConfig, ConfigFile)) _context.Console.WriteWarning(warning);
        if (!HostConfig.TargetsLocalCloud(stackConfig)) return new CloudTarget(stackConfig, []);
        var state = await LocalCloudTarget.EnsureRunningAsync(say, cancellationToken);
        var runConfig = LocalCloudTarget.RunConfig(state, stackConfig);
        var config = new Dictionary<string, string>(stackConfig);
        foreach (var (key, value) in runConfig) config[key] = value.Value;
        return new CloudTarget(config, runConfig);
    }

    /// <summary>
    /// The program the stack runs: <c>--program</c>, else the stack's <c>ecr-automation:program</c>. A stack keeps the program
    /// it was deployed with: <see cref="SaveProgramAsync"/> records a new choice, and a stack that has resources but names no
    /// program is refused rather than silently given the default (which would plan to delete them).
    /// </summary>
    /// <remarks>
    /// A YAML project (<c>runtime: yaml</c>) runs its own program, read and checked here against the stack's config: its
    /// errors (<c>YamlProgramException</c>, all of them) stop the command before anything is touched.
    /// <c>--program</c> and <c>ecr-automation:program</c> are refused there.
    /// </remarks>
    public async Task<ProgramChoice> ChooseProgramAsync(CancellationToken cancellationToken)
    {
        var configured = (await ConfigAsync(cancellationToken)).GetValueOrDefault(ProgramCatalog.ConfigKey);
        if (Stack.Workspace.Project.IsYaml)
        {
            if (_context.Get(CommonOptions.Program) is { } chosen)
                throw new UsageException($"--program {chosen} chooses a C# program, but {ProjectSettings.FileName} says runtime: yaml, so the stack runs its YAML program; drop --program (or use a project with runtime: dotnet)");
            if (configured is not null)
                throw new UsageException($"{ConfigFile} sets {ProgramCatalog.ConfigKey}: {configured}, but {ProjectSettings.FileName} says runtime: yaml, so the stack runs its YAML program; remove the key (ecr-automation config rm {ProgramCatalog.ConfigKey} --stack {Name})");
            var yamlProgram = YamlProjectProgram.LoadChecked(Stack, await Stack.GetAllConfigAsync(cancellationToken));
            return new ProgramChoice(YamlProjectProgram.Name, yamlProgram, Changed: false);
        }
        var name = _context.Get(CommonOptions.Program) ?? configured;
        if (name is null)
        {
            if (await HasResourcesAsync(cancellationToken))
                throw new UsageException($"stack '{Name}' has resources but {ConfigFile} names no program ({ProgramCatalog.ConfigKey}); pass --program with the one it was deployed with ({string.Join(", ", ProgramCatalog.All.Keys)})");
            name = ProgramCatalog.Default;
        }
        return ProgramCatalog.All.TryGetValue(name, out var program) ? new ProgramChoice(name, program, name != configured)
            : throw new UsageException($"unknown program '{name}'; choose one of: {string.Join(", ", ProgramCatalog.All.Keys)}");
    }

    /// <summary>Records the program in the stack config before an update runs it, so that every later run (and the recovery of this one) uses it too.</summary>
    public async Task SaveProgramAsync(ProgramChoice choice, Action<string> say, CancellationToken cancellationToken)
    {
        if (!choice.Changed) return;
        await Stack.SetConfigAsync(ProgramCatalog.ConfigKey, new ConfigValue(choice.Name, false), cancellationToken);
        (await ConfigAsync(cancellationToken))[ProgramCatalog.ConfigKey] = choice.Name;
        say($"Stack '{Name}' now runs the program '{choice.Name}' ({ProgramCatalog.ConfigKey} saved in {ConfigFile}); later runs use it until --program names another.");
    }

    private async Task<Dictionary<string, string>> ConfigAsync(CancellationToken cancellationToken) =>
        _config ??= (await Stack.GetAllConfigAsync(cancellationToken)).ToDictionary(kv => kv.Key, kv => kv.Value.Value);

    private async Task<bool> HasResourcesAsync(CancellationToken cancellationToken)
    {
        using var deployment = JsonDocument.Parse((await Stack.ExportStackAsync(false, cancellationToken)).Json);
        return deployment.RootElement.GetProperty("deployment").TryGetProperty("resources", out var resources)
            && resources.ValueKind == JsonValueKind.Array && resources.GetArrayLength() > 0;
    }

    private static async Task<WorkspaceStack> SelectOrCreateAsync(LocalWorkspace workspace, string name, bool createIfConfigured, CancellationToken cancellationToken)
    {
        var configFile = StackSettings.PathFor(workspace.WorkDir, workspace.Project, name);
        try { return await workspace.SelectStackAsync(name, cancellationToken); }
        catch (StackNotFoundException) when (createIfConfigured && File.Exists(configFile))
        {
            // Checked before the stack exists, so that a config the host cannot use creates nothing.
            var plainValues = StackSettings.Load(configFile).Config.Where(kv => !kv.Value.IsSecret).ToDictionary(kv => kv.Key, kv => kv.Value.Value);
            HostConfig.Validate(plainValues, ConfigFileOf(workspace, name));
            return await workspace.CreateStackAsync(name, cancellationToken);
        }
        catch (StackNotFoundException e)
        {
            throw new UsageException($"{e.Message}; create it with `ecr-automation stack init {name}`");
        }
    }

    private static string ConfigFileOf(LocalWorkspace workspace, string stack) =>
        Path.GetRelativePath(workspace.WorkDir, StackSettings.PathFor(workspace.WorkDir, workspace.Project, stack));
}

using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Configuration;
using EcrAutomation.Cli.Cloud;
using EcrAutomation.Cli.Programs;
using EcrAutomation.Secrets;
using EcrAutomation.State;

namespace EcrAutomation.Cli.Commands;

/// <summary>Named process exit codes.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Canceled = 130;
}

/// <summary>The <c>ecr-automation</c> command tree.</summary>
internal static partial class Cli
{
    private static readonly Option<string> StackOption = new("--stack", "-s") { Description = "The stack to operate on", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ECR_AUTOMATION_STACK") ?? "dev" };
    private static readonly Option<bool> YesOption = new("--yes", "-y") { Description = "Proceed without asking for confirmation" };
    private static readonly Option<bool> JsonOption = new("--json", "-j") { Description = "Print engine events as NDJSON on stdout (nothing else)" };
    private static readonly Option<int?> ParallelOption = PositiveParallel(new("--parallel", "-p") { Description = "Maximum provider operations in flight (1 or more; default 16)" });
    private static readonly Option<string[]> TargetOption = new("--target", "-t") { Description = "Operate only on these URNs (repeatable)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> TargetDependentsOption = new("--target-dependents") { Description = "Also operate on resources that depend on the targets" };
    private static readonly Option<string[]> ReplaceOption = new("--replace") { Description = "Force replacement of these URNs (repeatable)" };
    private static readonly Option<bool> DiffOption = new("--diff") { Description = "Show property-level changes" };
    private static readonly Option<bool> ExpectNoChangesOption = new("--expect-no-changes") { Description = "Fail if any change would be made" };
    private static readonly Option<bool> ShowSecretsOption = new("--show-secrets") { Description = "Show secret values in outputs" };
    private static readonly Option<string?> ProgramOption = new("--program") { Description = $"The inline program to run ({string.Join(", ", ProgramCatalog.All.Keys)}); saved as the stack's {ProgramCatalog.ConfigKey}, which later runs use" };
    private static readonly Option<string?> IgnoredProgramOption = new("--program") { Description = "Accepted for symmetry with up and preview, and ignored: this command works on the stack's state, not a program" };
    private static readonly Option<string?> MessageOption = new("--message", "-m") { Description = "A message recorded in the stack history" };
    private static readonly Option<bool> AllowExpireDeployedOption = new("--allow-expire-deployed") { Description = "Apply lifecycle policies even when they would expire images that running ECS task definitions use" };
    private static readonly Option<string?> CwdOption = new("--cwd", "-C") { Description = "The project folder (with Pulumi.yaml); default: the nearest one above the current folder", Recursive = true };

    /// <summary>
    /// Parses and runs a command line. Parse errors are bad input (exit 2), and Ctrl+C/SIGTERM wait for the command to
    /// finish canceling (see <see cref="Termination"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine("error: " + error.Message);
            Console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return ExitCodes.BadInput;
        }
        using var termination = new Termination();
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, termination.Token);
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult? result) =>
        result is null ? "" : result.Parent is System.CommandLine.Parsing.CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : "ecr-automation";

    private static Option<int?> PositiveParallel(Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            // A value that is not a number at all is reported by the parser itself.
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var n) && n < 1) result.AddError($"--parallel must be 1 or more (got {n})");
        });
        return option;
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("ecr-automation: provision ECR repositories, build and publish images and deploy them, with an embedded Pulumi-compatible engine");
        root.Options.Add(CwdOption);
        root.Subcommands.Add(Operation("preview", "Show what an update would change", OperationKind.Preview));
        root.Subcommands.Add(Operation("up", "Create or update the stack's resources", OperationKind.Up));
        root.Subcommands.Add(Operation("refresh", "Read the real state of the stack's resources into the state", OperationKind.Refresh));
        root.Subcommands.Add(Operation("destroy", "Delete all of the stack's resources", OperationKind.Destroy));
        root.Subcommands.Add(Outputs());
        root.Subcommands.Add(History());
        root.Subcommands.Add(Cancel());
        root.Subcommands.Add(StackCommands());
        root.Subcommands.Add(ConfigCommands());
        root.Subcommands.Add(LocalCommands.Build());
        root.Subcommands.Add(Worker());
        root.Subcommands.Add(LifecycleCommands.Build(StackOption, async (parse, ct) => (await TargetCloudAsync(await OpenStackAsync(parse, false, ct), ct)).Config));
        return root;
    }

    /// <summary>
    /// Checks the stack's <c>ecr-automation:*</c> config and returns the cloud it targets: stacks with
    /// <c>ecr-automation:cloud: local</c> run against the local cloud, started on demand, through config for the run only.
    /// </summary>
    private static async Task<CloudTarget> TargetCloudAsync(WorkspaceStack stack, CancellationToken ct, Action<string>? say = null)
    {
        var config = (await stack.GetAllConfigAsync(ct)).ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        HostConfig.Validate(config, StackConfigFile(stack));
        foreach (var warning in HostConfig.Warnings(config, StackConfigFile(stack))) Console.Error.WriteLine("warning: " + warning);
        if (!HostConfig.TargetsLocalCloud(config)) return new CloudTarget(config, new Dictionary<string, Automation.ConfigValue>());
        var state = await LocalCloudTarget.EnsureRunningAsync(say ?? Console.Error.WriteLine, ct);
        var runConfig = LocalCloudTarget.RunConfig(state, config);
        foreach (var (key, value) in runConfig) config[key] = value.Value;
        return new CloudTarget(config, runConfig);
    }

    /// <summary>The stack's config as a run sees it, and the part of it that is for this run only (<see cref="UpdateOptions.ConfigOverrides"/>).</summary>
    private sealed record CloudTarget(IReadOnlyDictionary<string, string> Config, Dictionary<string, Automation.ConfigValue> RunConfig);

    private static string StackConfigFile(WorkspaceStack stack) => StackConfigFile(stack.Workspace, stack.Name);

    private static string StackConfigFile(LocalWorkspace workspace, string stack) =>
        Path.GetRelativePath(workspace.WorkDir, StackSettings.PathFor(workspace.WorkDir, workspace.Project, stack));

    /// <summary>
    /// The program a stack runs: <c>--program</c>, else the stack's <c>ecr-automation:program</c>. A stack keeps the program it
    /// was deployed with: <see cref="SaveProgramAsync"/> records a new choice, and a stack that has resources but names no
    /// program is refused rather than silently given the default (which would plan to delete them).
    /// </summary>
    private static async Task<ProgramChoice> ChooseProgramAsync(ParseResult parse, WorkspaceStack stack, CancellationToken ct)
    {
        var configured = (await stack.GetAllConfigAsync(ct)).TryGetValue(ProgramCatalog.ConfigKey, out var value) ? value.Value : null;
        var name = parse.GetValue(ProgramOption) ?? configured;
        if (name is null)
        {
            if (await HasResourcesAsync(stack, ct))
                throw new UsageException($"stack '{stack.Name}' has resources but {StackConfigFile(stack)} names no program ({ProgramCatalog.ConfigKey}); pass --program with the one it was deployed with ({string.Join(", ", ProgramCatalog.All.Keys)})");
            name = ProgramCatalog.Default;
        }
        return ProgramCatalog.All.TryGetValue(name, out var program) ? new ProgramChoice(name, program, name != configured)
            : throw new UsageException($"unknown program '{name}'; choose one of: {string.Join(", ", ProgramCatalog.All.Keys)}");
    }

    /// <summary>Records the program in the stack config before an update runs it, so that every later run (and the recovery of this one) uses it too.</summary>
    private static async Task SaveProgramAsync(WorkspaceStack stack, ProgramChoice choice, Action<string> say, CancellationToken ct)
    {
        if (!choice.Changed) return;
        await stack.SetConfigAsync(ProgramCatalog.ConfigKey, new Automation.ConfigValue(choice.Name, false), ct);
        say($"Stack '{stack.Name}' now runs the program '{choice.Name}' ({ProgramCatalog.ConfigKey} saved in {StackConfigFile(stack)}); later runs use it until --program names another.");
    }

    private sealed record ProgramChoice(string Name, PulumiFn Program, bool Changed);

    private static async Task<bool> HasResourcesAsync(WorkspaceStack stack, CancellationToken ct)
    {
        using var deployment = System.Text.Json.JsonDocument.Parse((await stack.ExportStackAsync(false, ct)).Json);
        return deployment.RootElement.GetProperty("deployment").TryGetProperty("resources", out var resources)
            && resources.ValueKind == System.Text.Json.JsonValueKind.Array && resources.GetArrayLength() > 0;
    }

    /// <summary>
    /// Selects the stack. A missing one is created only for commands that deploy or configure it, and only when its config
    /// file exists (and is usable): a mistyped name never creates a stack.
    /// </summary>
    private static async Task<WorkspaceStack> OpenStackAsync(ParseResult parse, bool createIfConfigured, CancellationToken ct)
    {
        var workspace = await OpenWorkspaceAsync(parse, ct);
        var name = parse.GetValue(StackOption)!;
        var configFile = StackSettings.PathFor(workspace.WorkDir, workspace.Project, name);
        try { return await workspace.SelectStackAsync(name, ct); }
        catch (StackNotFoundException) when (createIfConfigured && File.Exists(configFile))
        {
            var plainValues = StackSettings.Load(configFile).Config.Where(kv => !kv.Value.IsSecret).ToDictionary(kv => kv.Key, kv => kv.Value.Value);
            HostConfig.Validate(plainValues, StackConfigFile(workspace, name));
            return await workspace.CreateStackAsync(name, ct);
        }
        catch (StackNotFoundException e)
        {
            throw new UsageException($"{e.Message}; create it with `ecr-automation stack init {name}`");
        }
    }

    private static Task<LocalWorkspace> OpenWorkspaceAsync(ParseResult parse, CancellationToken ct)
    {
        var dir = parse.GetValue(CwdOption) ?? FindProjectDirectory(Directory.GetCurrentDirectory())
            ?? throw new UsageException("no Pulumi.yaml found in this folder or any folder above it; run from the project folder or pass --cwd");
        if (!File.Exists(Path.Combine(dir, ProjectSettings.FileName)))
            throw new UsageException($"no Pulumi.yaml in '{Path.GetFullPath(dir)}'; --cwd must name the project folder");
        return LocalWorkspace.CreateAsync(new LocalWorkspaceOptions { WorkDir = dir, Providers = ProgramCatalog.Providers(dir) }, ct);
    }

    private static string? FindProjectDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ProjectSettings.FileName))) return dir.FullName;
        return null;
    }

    private static Command Outputs()
    {
        var command = new Command("outputs", "Print the stack's outputs");
        command.Options.Add(StackOption);
        command.Options.Add(JsonOption);
        command.Options.Add(ShowSecretsOption);
        command.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var stack = await OpenStackAsync(parse, false, ct);
            var outputs = await stack.GetOutputsAsync(ct);
            var show = parse.GetValue(ShowSecretsOption);
            var values = outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value.IsSecret && !show ? "[secret]" : kv.Value.Value);
            if (parse.GetValue(JsonOption)) Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(values));
            else
            {
                Console.WriteLine("Current stack outputs (" + values.Count + "):");
                Console.WriteLine("    OUTPUT  VALUE");
                foreach (var (k, v) in values) Console.WriteLine($"    {k}  {v}");
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command History()
    {
        var command = new Command("history", "Show the stack's updates, newest first");
        command.Options.Add(StackOption);
        command.Options.Add(JsonOption);
        command.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var stack = await OpenStackAsync(parse, false, ct);
            var history = await stack.GetHistoryAsync(cancellationToken: ct);
            if (parse.GetValue(JsonOption)) Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(history));
            else foreach (var h in history)
                Console.WriteLine($"{h.StartTime:u}  {h.Kind,-8} {h.Result,-9} {string.Join(", ", h.ResourceChanges?.Select(kv => $"{kv.Key.ToString().ToLowerInvariant()}: {kv.Value}") ?? [])}  {h.Message}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Cancel()
    {
        var command = new Command("cancel", "Remove the stack's locks (after an update was killed)");
        command.Options.Add(StackOption);
        command.Options.Add(YesOption);
        command.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var stack = await OpenStackAsync(parse, false, ct);
            var removed = await stack.CancelAsync(ct);
            Console.WriteLine(removed == 0 ? "The stack is not locked." : $"Removed {removed} lock(s) of stack '{stack.Name}'.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Turns expected failures into a one-line error and a non-zero exit code.</summary>
    internal static async Task<int> Guard(ParseResult parse, Func<Task<int>> action)
    {
        try { return await action(); }
        catch (OperationCanceledException) { Console.Error.WriteLine("error: canceled"); return ExitCodes.Canceled; }
        catch (Exception e) when (e is AutomationException or ConfigException or SecretsException or StateException or UsageException or IOException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return e is UsageException or ConfigException or InvalidInputException ? ExitCodes.BadInput : ExitCodes.Failed;
        }
    }
}

/// <summary>A usage mistake; the message says how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);

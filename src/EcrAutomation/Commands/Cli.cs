using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Configuration;
using EcrAutomation.Host.Cloud;
using EcrAutomation.Host.Programs;
using EcrAutomation.Secrets;
using EcrAutomation.State;

namespace EcrAutomation.Host.Commands;

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
    private static readonly Option<int?> ParallelOption = new("--parallel", "-p") { Description = "Maximum provider operations in flight" };
    private static readonly Option<string[]> TargetOption = new("--target", "-t") { Description = "Operate only on these URNs (repeatable)", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<bool> TargetDependentsOption = new("--target-dependents") { Description = "Also operate on resources that depend on the targets" };
    private static readonly Option<string[]> ReplaceOption = new("--replace") { Description = "Force replacement of these URNs (repeatable)" };
    private static readonly Option<bool> DiffOption = new("--diff") { Description = "Show property-level changes" };
    private static readonly Option<bool> ExpectNoChangesOption = new("--expect-no-changes") { Description = "Fail if any change would be made" };
    private static readonly Option<bool> ShowSecretsOption = new("--show-secrets") { Description = "Show secret values in outputs" };
    private static readonly Option<string?> ProgramOption = new("--program") { Description = "The inline program to run (sample, repository, image, ecs, ecs-class); default from stack config ecr-automation:program" };
    private static readonly Option<string?> MessageOption = new("--message", "-m") { Description = "A message recorded in the stack history" };
    private static readonly Option<bool> AllowExpireDeployedOption = new("--allow-expire-deployed") { Description = "Apply lifecycle policies even when they would expire images that running ECS task definitions use" };
    private static readonly Option<string?> CwdOption = new("--cwd", "-C") { Description = "The project folder (with Pulumi.yaml); default: the nearest one above the current folder" };

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
        root.Subcommands.Add(LifecycleCommands.Build(StackOption, async (parse, ct) =>
        {
            var stack = await OpenStackAsync(parse, false, ct);
            var config = (await stack.GetAllConfigAsync(ct)).ToDictionary(kv => kv.Key, kv => kv.Value.Value);
            await TargetCloudAsync(config, ct);
            return config;
        }));
        return root;
    }

    /// <summary>Stacks with <c>ecr-automation:cloud: local</c> run against the local cloud, started on demand.</summary>
    private static async Task TargetCloudAsync(IReadOnlyDictionary<string, string> config, CancellationToken ct, Action<string>? say = null)
    {
        if (!config.TryGetValue(LocalCloudTarget.CloudConfigKey, out var cloud) || cloud != "local") return;
        var state = await LocalCloudTarget.EnsureRunningAsync(say ?? Console.Error.WriteLine, ct);
        LocalCloudTarget.UseFor(state);
    }

    private static PulumiFn ProgramFor(ParseResult parse, WorkspaceStack stack)
    {
        var name = parse.GetValue(ProgramOption);
        if (name is null)
        {
            try { name = stack.GetConfigAsync(ProgramCatalog.ConfigKey).GetAwaiter().GetResult().Value; }
            catch (AutomationException) { name = "sample"; }
        }
        return ProgramCatalog.All.TryGetValue(name, out var program) ? program
            : throw new UsageException($"unknown program '{name}'; choose one of: {string.Join(", ", ProgramCatalog.All.Keys)}");
    }

    private static async Task<WorkspaceStack> OpenStackAsync(ParseResult parse, bool createIfMissing, CancellationToken ct)
    {
        var workspace = await OpenWorkspaceAsync(parse, ct);
        var name = parse.GetValue(StackOption)!;
        var stacks = await workspace.ListStacksAsync(ct);
        if (stacks.Contains(name)) return await workspace.SelectStackAsync(name, ct);
        if (!createIfMissing) throw new StackNotFoundException(name);
        return await workspace.CreateStackAsync(name, ct);
    }

    private static Task<LocalWorkspace> OpenWorkspaceAsync(ParseResult parse, CancellationToken ct)
    {
        var dir = parse.GetValue(CwdOption) ?? FindProjectDirectory(Directory.GetCurrentDirectory())
            ?? throw new UsageException("no Pulumi.yaml found in this folder or any folder above it; run from the project folder or pass --cwd");
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
    private static async Task<int> Guard(ParseResult parse, Func<Task<int>> action)
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

using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Configuration;
using EcrAutomation.Events;
using EcrAutomation.Host.Cloud;
using EcrAutomation.Host.Display;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
internal static class Cli
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
    private static readonly Option<string?> ProgramOption = new("--program") { Description = "The inline program to run (sample, repository, image); default from stack config ecr-automation:program" };
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

    private enum OperationKind { Preview, Up, Refresh, Destroy }

    private static Command Operation(string name, string description, OperationKind kind)
    {
        var command = new Command(name, description);
        foreach (var o in new Option[] { StackOption, YesOption, JsonOption, ParallelOption, TargetOption, TargetDependentsOption, MessageOption, ShowSecretsOption, ExpectNoChangesOption })
            command.Options.Add(o);
        if (kind is OperationKind.Preview or OperationKind.Up)
            foreach (var o in new Option[] { ReplaceOption, DiffOption, ProgramOption, AllowExpireDeployedOption }) command.Options.Add(o);
        command.SetAction((parse, ct) => Guard(parse, () => RunOperationAsync(parse, kind, ct)));
        return command;
    }

    private static async Task<int> RunOperationAsync(ParseResult parse, OperationKind kind, CancellationToken ct)
    {
        var json = parse.GetValue(JsonOption);
        var yes = parse.GetValue(YesOption);
        var stack = await OpenStackAsync(parse, createIfMissing: kind is OperationKind.Up or OperationKind.Preview, ct);
        var config = (await stack.GetAllConfigAsync(ct)).ToDictionary(kv => kv.Key, kv => kv.Value.Value);
        await TargetCloudAsync(config, ct, json ? Console.Error.WriteLine : Console.WriteLine);
        var overrides = parse.GetValue(AllowExpireDeployedOption) ? new Dictionary<string, string> { ["ecr-automation:allowExpireDeployed"] = "true" } : null;
        if (kind is OperationKind.Up or OperationKind.Destroy && !yes)
        {
            if (Console.IsInputRedirected || json)
            {
                Console.Error.WriteLine($"error: --yes must be passed to {(kind == OperationKind.Up ? "up" : "destroy")} when not running interactively");
                return ExitCodes.BadInput;
            }
            if (kind == OperationKind.Up) await stack.PreviewAsync(new PreviewOptions { OnStandardOutput = Console.WriteLine, Program = ProgramFor(parse, stack) }, ct);
            Console.Write(kind == OperationKind.Up ? "Do you want to perform this update? [yes/no] " : "Do you want to perform this destroy? [yes/no] ");
            if (!string.Equals(Console.ReadLine()?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine("confirmation declined, not proceeding");
                return ExitCodes.Failed;
            }
        }

        var action = kind switch { OperationKind.Refresh => "refresh", OperationKind.Destroy => "destroy", _ => "update" };
        var renderer = new ConsoleRenderer(ConsoleRenderer.Choose(json), stack.Name, action, kind == OperationKind.Preview);
        await using var _ = renderer;
        var text = renderer.OnStandardOutput;
        var events = renderer.OnEvent;
        var targets = parse.GetValue(TargetOption)?.ToList();
        try
        {
            switch (kind)
            {
                case OperationKind.Preview:
                    renderer.FinalReport = (await stack.PreviewAsync(new PreviewOptions
                    {
                        OnStandardOutput = text, OnEvent = events, Parallel = parse.GetValue(ParallelOption), Target = targets,
                        TargetDependents = parse.GetValue(TargetDependentsOption), Replace = parse.GetValue(ReplaceOption)?.ToList(),
                        ExpectNoChanges = parse.GetValue(ExpectNoChangesOption), Diff = parse.GetValue(DiffOption), Program = ProgramFor(parse, stack),
                        ConfigOverrides = overrides,
                    }, ct)).StandardOutput;
                    break;
                case OperationKind.Up:
                    renderer.FinalReport = (await stack.UpAsync(new UpOptions
                    {
                        OnStandardOutput = text, OnEvent = events, Parallel = parse.GetValue(ParallelOption), Target = targets,
                        TargetDependents = parse.GetValue(TargetDependentsOption), Replace = parse.GetValue(ReplaceOption)?.ToList(),
                        ExpectNoChanges = parse.GetValue(ExpectNoChangesOption), Diff = parse.GetValue(DiffOption), Program = ProgramFor(parse, stack),
                        ShowSecrets = parse.GetValue(ShowSecretsOption), Message = parse.GetValue(MessageOption), ConfigOverrides = overrides,
                    }, ct)).StandardOutput;
                    break;
                case OperationKind.Refresh:
                    renderer.FinalReport = (await stack.RefreshAsync(new RefreshOptions
                    {
                        OnStandardOutput = text, OnEvent = events, Parallel = parse.GetValue(ParallelOption), Target = targets,
                        ExpectNoChanges = parse.GetValue(ExpectNoChangesOption), ShowSecrets = parse.GetValue(ShowSecretsOption), Message = parse.GetValue(MessageOption),
                    }, ct)).StandardOutput;
                    break;
                case OperationKind.Destroy:
                    renderer.FinalReport = (await stack.DestroyAsync(new DestroyOptions
                    {
                        OnStandardOutput = text, OnEvent = events, Parallel = parse.GetValue(ParallelOption), Target = targets,
                        TargetDependents = parse.GetValue(TargetDependentsOption), Message = parse.GetValue(MessageOption),
                    }, ct)).StandardOutput;
                    break;
            }
            return ExitCodes.Success;
        }
        catch (UpdateFailedException e)
        {
            renderer.FinalReport = e.Report;
            // The errors were already shown in the report (or the JSON events).
            return e.Result == "canceled" ? ExitCodes.Canceled : ExitCodes.Failed;
        }
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

    private static Command Worker()
    {
        var schedule = new Option<string>("--schedule") { Description = "Cron expression (UTC), e.g. \"*/30 * * * *\"", Required = true };
        var refresh = new Option<bool>("--refresh") { Description = "Refresh before each update" };
        var once = new Option<bool>("--run-now") { Description = "Also run once at start" };
        var command = new Command("worker", "Run refresh/up on a schedule as a long-running worker (stops gracefully on SIGTERM/Ctrl+C)");
        foreach (var o in new Option[] { StackOption, schedule, refresh, once, ProgramOption }) command.Options.Add(o);
        command.SetAction((parse, ct) => Guard(parse, async () =>
        {
            Cronos.CronExpression cron;
            try { cron = Cronos.CronExpression.Parse(parse.GetValue(schedule)!); }
            catch (Cronos.CronFormatException e) { throw new UsageException($"--schedule '{parse.GetValue(schedule)}' is not a cron expression: {e.Message}"); }
            var settings = new Workers.WorkerSettings(cron, parse.GetValue(refresh), parse.GetValue(once),
                async token =>
                {
                    var stack = await OpenStackAsync(parse, true, token);
                    await TargetCloudAsync((await stack.GetAllConfigAsync(token)).ToDictionary(kv => kv.Key, kv => kv.Value.Value), token);
                    return stack;
                },
                stack => ProgramFor(parse, stack), Console.WriteLine);
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<Workers.ScheduledDeploymentWorker>();
            using var host = builder.Build();
            await host.RunAsync(ct);
            return ExitCodes.Success;
        }));
        return command;
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

    private static Command StackCommands()
    {
        var stack = new Command("stack", "Manage stacks");
        var ls = new Command("ls", "List the project's stacks");
        ls.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var workspace = await OpenWorkspaceAsync(parse, ct);
            foreach (var s in await workspace.ListStacksAsync(ct)) Console.WriteLine(s);
            return ExitCodes.Success;
        }));
        var init = new Command("init", "Create a stack");
        init.Options.Add(StackOption);
        init.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var workspace = await OpenWorkspaceAsync(parse, ct);
            await workspace.CreateStackAsync(parse.GetValue(StackOption)!, ct);
            Console.WriteLine($"Created stack '{parse.GetValue(StackOption)}'");
            return ExitCodes.Success;
        }));
        var force = new Option<bool>("--force", "-f") { Description = "Remove even if the stack still has resources (they keep running)" };
        var rm = new Command("rm", "Remove a stack and its state");
        rm.Options.Add(StackOption);
        rm.Options.Add(force);
        rm.Options.Add(YesOption);
        rm.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var workspace = await OpenWorkspaceAsync(parse, ct);
            await workspace.RemoveStackAsync(parse.GetValue(StackOption)!, parse.GetValue(force), ct);
            Console.WriteLine($"Stack '{parse.GetValue(StackOption)}' has been removed!");
            return ExitCodes.Success;
        }));
        var file = new Option<string?>("--file") { Description = "The file to write or read (default: stdout/stdin)" };
        var export = new Command("export", "Print the stack's state in Pulumi's export format");
        export.Options.Add(StackOption);
        export.Options.Add(file);
        export.Options.Add(ShowSecretsOption);
        export.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, false, ct);
            var deployment = await s.ExportStackAsync(parse.GetValue(ShowSecretsOption), ct);
            if (parse.GetValue(file) is { } path) await File.WriteAllTextAsync(path, deployment.Json, ct);
            else Console.WriteLine(deployment.Json);
            return ExitCodes.Success;
        }));
        var import = new Command("import", "Replace the stack's state with an export (from ecr-automation or Pulumi)");
        import.Options.Add(StackOption);
        import.Options.Add(file);
        import.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, true, ct);
            var json = parse.GetValue(file) is { } path ? await File.ReadAllTextAsync(path, ct) : await Console.In.ReadToEndAsync(ct);
            await s.ImportStackAsync(StackDeployment.FromJsonString(json), ct);
            Console.WriteLine("Import complete.");
            return ExitCodes.Success;
        }));
        foreach (var c in new[] { ls, init, rm, export, import }) stack.Subcommands.Add(c);
        return stack;
    }

    private static Command ConfigCommands()
    {
        var config = new Command("config", "Manage stack configuration");
        var key = new Argument<string>("key") { Description = "namespace:name (a bare name uses the project's namespace)" };
        var value = new Argument<string>("value");
        var secret = new Option<bool>("--secret") { Description = "Encrypt the value (needs PULUMI_CONFIG_PASSPHRASE)" };
        var get = new Command("get", "Print one config value");
        get.Arguments.Add(key);
        get.Options.Add(StackOption);
        get.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, false, ct);
            Console.WriteLine((await s.GetConfigAsync(parse.GetValue(key)!, ct)).Value);
            return ExitCodes.Success;
        }));
        var set = new Command("set", "Set a config value");
        set.Arguments.Add(key);
        set.Arguments.Add(value);
        set.Options.Add(StackOption);
        set.Options.Add(secret);
        set.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, true, ct);
            await s.SetConfigAsync(parse.GetValue(key)!, new EcrAutomation.Automation.ConfigValue(parse.GetValue(value)!, parse.GetValue(secret)), ct);
            return ExitCodes.Success;
        }));
        var rm = new Command("rm", "Remove a config value");
        rm.Arguments.Add(key);
        rm.Options.Add(StackOption);
        rm.SetAction((parse, ct) => Guard(parse, async () =>
        {
            var s = await OpenStackAsync(parse, false, ct);
            await s.RemoveConfigAsync(parse.GetValue(key)!, ct);
            return ExitCodes.Success;
        }));
        config.Subcommands.Add(get);
        config.Subcommands.Add(set);
        config.Subcommands.Add(rm);
        return config;
    }

    /// <summary>Turns expected failures into a one-line error and a non-zero exit code.</summary>
    private static async Task<int> Guard(ParseResult parse, Func<Task<int>> action)
    {
        try { return await action(); }
        catch (OperationCanceledException) { Console.Error.WriteLine("error: canceled"); return ExitCodes.Canceled; }
        catch (Exception e) when (e is AutomationException or ConfigException or SecretsException or StateException or UsageException or IOException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return e is UsageException or ConfigException ? ExitCodes.BadInput : ExitCodes.Failed;
        }
    }
}

/// <summary>A usage mistake; the message says how to fix it.</summary>
internal sealed class UsageException(string message) : Exception(message);

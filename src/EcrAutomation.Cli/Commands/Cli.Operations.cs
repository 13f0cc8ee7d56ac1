using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

internal static partial class Cli
{
    private enum OperationKind { Preview, Up, Refresh, Destroy }

    private static Command Operation(string name, string description, OperationKind kind)
    {
        var command = new Command(name, description);
        foreach (var o in new Option[] { StackOption, YesOption, JsonOption, ParallelOption, TargetOption, TargetDependentsOption, MessageOption, ShowSecretsOption, ExpectNoChangesOption })
            command.Options.Add(o);
        if (kind is OperationKind.Preview or OperationKind.Up)
            foreach (var o in new Option[] { ReplaceOption, DiffOption, ProgramOption, AllowExpireDeployedOption }) command.Options.Add(o);
        else command.Options.Add(IgnoredProgramOption);
        command.SetAction((parse, ct) => Guard(parse, () => RunOperationAsync(parse, kind, ct)));
        return command;
    }

    private static async Task<int> RunOperationAsync(ParseResult parse, OperationKind kind, CancellationToken ct)
    {
        var json = parse.GetValue(JsonOption);
        var yes = parse.GetValue(YesOption);
        var say = json ? Console.Error.WriteLine : (Action<string>)Console.WriteLine;
        var stack = await OpenStackAsync(parse, createIfConfigured: kind is OperationKind.Up or OperationKind.Preview, ct);
        var target = await TargetCloudAsync(stack, ct, say);
        var program = kind is OperationKind.Up or OperationKind.Preview ? await ChooseProgramAsync(parse, stack, ct) : null;
        var overrides = target.RunConfig;
        if (parse.GetValue(AllowExpireDeployedOption)) overrides[Aws.Resources.Ecs.DeployedImageGuard.AllowConfigKey] = new Automation.ConfigValue("true");
        if (kind is OperationKind.Up or OperationKind.Destroy && !yes)
        {
            if (Console.IsInputRedirected || json)
            {
                Console.Error.WriteLine($"error: --yes must be passed to {(kind == OperationKind.Up ? "up" : "destroy")} when not running interactively");
                return ExitCodes.BadInput;
            }
            if (kind == OperationKind.Up) await stack.PreviewAsync(new PreviewOptions { OnStandardOutput = Console.WriteLine, Program = program!.Program, ConfigOverrides = overrides }, ct);
            Console.Write(kind == OperationKind.Up ? "Do you want to perform this update? [yes/no] " : "Do you want to perform this destroy? [yes/no] ");
            if (!string.Equals((await Task.Run(Console.ReadLine, ct).WaitAsync(ct))?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine("confirmation declined, not proceeding");
                return ExitCodes.Failed;
            }
        }
        if (kind == OperationKind.Up) await SaveProgramAsync(stack, program!, say, ct);

        var action = kind switch { OperationKind.Refresh => "refresh", OperationKind.Destroy => "destroy", _ => "update" };
        var renderer = new ConsoleRenderer(ConsoleRenderer.Choose(json), stack.Name, action, kind == OperationKind.Preview);
        await using var _ = renderer;

        // The options every operation takes from the command line; each operation adds its own below.
        T Common<T>(T options) where T : UpdateOptions
        {
            options.OnStandardOutput = renderer.OnStandardOutput;
            options.OnEvent = renderer.OnEvent;
            options.Parallel = parse.GetValue(ParallelOption);
            options.Target = parse.GetValue(TargetOption)?.ToList();
            options.Message = parse.GetValue(MessageOption);
            options.ConfigOverrides = overrides;
            return options;
        }

        try
        {
            renderer.FinalReport = kind switch
            {
                OperationKind.Preview => (await stack.PreviewAsync(Common(new PreviewOptions
                {
                    TargetDependents = parse.GetValue(TargetDependentsOption),
                    Replace = parse.GetValue(ReplaceOption)?.ToList(),
                    ExpectNoChanges = parse.GetValue(ExpectNoChangesOption),
                    Diff = parse.GetValue(DiffOption),
                    Program = program!.Program,
                }), ct)).StandardOutput,
                OperationKind.Up => (await stack.UpAsync(Common(new UpOptions
                {
                    TargetDependents = parse.GetValue(TargetDependentsOption),
                    Replace = parse.GetValue(ReplaceOption)?.ToList(),
                    ExpectNoChanges = parse.GetValue(ExpectNoChangesOption),
                    Diff = parse.GetValue(DiffOption),
                    Program = program!.Program,
                    ShowSecrets = parse.GetValue(ShowSecretsOption),
                }), ct)).StandardOutput,
                OperationKind.Refresh => (await stack.RefreshAsync(Common(new RefreshOptions
                {
                    ExpectNoChanges = parse.GetValue(ExpectNoChangesOption),
                    ShowSecrets = parse.GetValue(ShowSecretsOption),
                }), ct)).StandardOutput,
                _ => (await stack.DestroyAsync(Common(new DestroyOptions
                {
                    TargetDependents = parse.GetValue(TargetDependentsOption),
                }), ct)).StandardOutput,
            };
            return ExitCodes.Success;
        }
        catch (UpdateFailedException e)
        {
            renderer.FinalReport = e.Report;
            // The errors were already shown in the report (or the JSON events).
            return e.Result == "canceled" ? ExitCodes.Canceled : ExitCodes.Failed;
        }
    }
}

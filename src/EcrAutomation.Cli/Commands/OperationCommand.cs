using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources.DeployedImages;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// What <c>preview</c>, <c>up</c>, <c>refresh</c> and <c>destroy</c> share: the options, opening the stack and its cloud,
/// the confirmation, the display and the exit code of the outcome. Each verb only builds its own Automation API call.
/// </summary>
internal abstract class OperationCommand : CliCommand
{
    private static readonly Option[] SharedOptions =
    [
        CommonOptions.Stack, CommonOptions.Yes, CommonOptions.Json, CommonOptions.Parallel, CommonOptions.Target,
        CommonOptions.TargetDependents, CommonOptions.Message, CommonOptions.ShowSecrets, CommonOptions.ExpectNoChanges,
    ];

    private static readonly Option[] ProgramOptions = [CommonOptions.Replace, CommonOptions.Diff, CommonOptions.Program, CommonOptions.AllowExpireDeployed];

    protected OperationCommand(string name, string description, UpdateKind kind, CliConsole console)
        : base(name, description, console, [.. SharedOptions, .. RunsProgram(kind) ? ProgramOptions : [CommonOptions.IgnoredProgram]])
    {
        Kind = kind;
    }

    protected UpdateKind Kind { get; }

    /// <summary>Runs the operation with the options built by <see cref="OperationRun.Options{T}"/>; returns its report.</summary>
    protected abstract Task<string> RunAsync(OperationRun run, CancellationToken cancellationToken);

    private static bool RunsProgram(UpdateKind kind) => kind is UpdateKind.Preview or UpdateKind.Update;

    protected sealed override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var json = context.Get(CommonOptions.Json);
        Action<string> say = json ? console.Error.WriteLine : console.Out.WriteLine;
        var session = await context.OpenStackAsync(createIfConfigured: RunsProgram(Kind), cancellationToken);
        // Chosen (a YAML program read and checked) before the cloud is started: a broken program touches nothing.
        var program = RunsProgram(Kind) ? await session.ChooseProgramAsync(cancellationToken) : null;
        var target = await session.TargetCloudAsync(say, cancellationToken);
        var runConfig = target.RunConfig;
        if (context.Get(CommonOptions.AllowExpireDeployed)) runConfig[DeployedImageGuard.AllowConfigKey] = new ConfigValue("true");

        if (Kind is UpdateKind.Update or UpdateKind.Destroy && !context.Get(CommonOptions.Yes))
        {
            var verb = Kind == UpdateKind.Update ? "update" : "destroy";
            if (!console.IsInteractive || json)
            {
                console.WriteError($"--yes must be passed to {(Kind == UpdateKind.Update ? "up" : "destroy")} when not running interactively");
                return ExitCodes.BadInput;
            }
            if (Kind == UpdateKind.Update)
                await session.Stack.PreviewAsync(new PreviewOptions { OnStandardOutput = console.Out.WriteLine, Program = program!.Program, ConfigOverrides = runConfig }, cancellationToken);
            var answer = await console.AskAsync($"Do you want to perform this {verb}? [yes/no] ", cancellationToken);
            if (!string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
            {
                console.WriteLine("confirmation declined, not proceeding");
                return ExitCodes.Failed;
            }
        }
        if (program is not null && Kind == UpdateKind.Update) await session.SaveProgramAsync(program, say, cancellationToken);

        await using var renderer = new ConsoleRenderer(console, json);
        try
        {
            renderer.FinalReport = await RunAsync(new OperationRun(context, session.Stack, program?.Program, runConfig, renderer), cancellationToken);
            return ExitCodes.Success;
        }
        catch (UpdateFailedException e)
        {
            // The errors were already shown in the report (or the JSON events).
            renderer.FinalReport = e.Report;
            return e.Result == UpdateOutcome.Canceled ? ExitCodes.Canceled : ExitCodes.Failed;
        }
    }
}

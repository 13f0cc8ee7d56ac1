using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation destroy</c>: deletes all of the stack's resources.</summary>
internal sealed class DestroyCommand(CliConsole console) : OperationCommand("destroy", "Delete all of the stack's resources", UpdateKind.Destroy, console)
{
    protected override async Task<string> RunAsync(OperationRun run, CancellationToken cancellationToken) =>
        (await run.Stack.DestroyAsync(run.Options(new DestroyOptions
        {
            TargetDependents = run.Context.Get(CommonOptions.TargetDependents),
        }), cancellationToken)).StandardOutput;
}

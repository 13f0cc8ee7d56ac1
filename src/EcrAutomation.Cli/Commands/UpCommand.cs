using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation up</c>: creates or updates the stack's resources.</summary>
internal sealed class UpCommand(CliConsole console) : OperationCommand("up", "Create or update the stack's resources", UpdateKind.Update, console)
{
    protected override async Task<string> RunAsync(OperationRun run, CancellationToken cancellationToken) =>
        (await run.Stack.UpAsync(run.Options(new UpOptions
        {
            TargetDependents = run.Context.Get(CommonOptions.TargetDependents),
            Replace = run.Context.Get(CommonOptions.Replace)?.ToList(),
            ExpectNoChanges = run.Context.Get(CommonOptions.ExpectNoChanges),
            Diff = run.Context.Get(CommonOptions.Diff),
            Program = run.Program,
            ShowSecrets = run.Context.Get(CommonOptions.ShowSecrets),
        }), cancellationToken)).StandardOutput;
}

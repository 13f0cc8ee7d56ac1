using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation refresh</c>: reads the real state of the stack's resources into the state.</summary>
internal sealed class RefreshCommand(CliConsole console) : OperationCommand("refresh", "Read the real state of the stack's resources into the state", UpdateKind.Refresh, console)
{
    protected override async Task<string> RunAsync(OperationRun run, CancellationToken cancellationToken) =>
        (await run.Stack.RefreshAsync(run.Options(new RefreshOptions
        {
            ExpectNoChanges = run.Context.Get(CommonOptions.ExpectNoChanges),
            ShowSecrets = run.Context.Get(CommonOptions.ShowSecrets),
        }), cancellationToken)).StandardOutput;
}

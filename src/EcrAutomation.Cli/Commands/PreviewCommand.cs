using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation preview</c>: what an update would change.</summary>
internal sealed class PreviewCommand(CliConsole console) : OperationCommand("preview", "Show what an update would change", UpdateKind.Preview, console)
{
    protected override async Task<string> RunAsync(OperationRun run, CancellationToken cancellationToken) =>
        (await run.Stack.PreviewAsync(run.Options(new PreviewOptions
        {
            TargetDependents = run.Context.Get(CommonOptions.TargetDependents),
            Replace = run.Context.Get(CommonOptions.Replace)?.ToList(),
            ExpectNoChanges = run.Context.Get(CommonOptions.ExpectNoChanges),
            Diff = run.Context.Get(CommonOptions.Diff),
            Program = run.Program,
        }), cancellationToken)).StandardOutput;
}

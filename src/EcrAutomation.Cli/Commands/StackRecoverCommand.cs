using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack recover</c>: restores a stack whose checkpoint is missing from its backup and the journal of the interrupted run.</summary>
internal sealed class StackRecoverCommand(CliConsole console)
    : CliCommand("recover", "Restore a stack whose checkpoint is missing from its .json.bak and the journal of the interrupted run", console, CommonOptions.Stack)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = await context.OpenWorkspaceAsync(cancellationToken);
        var name = context.Get(CommonOptions.Stack)!;
        var records = await workspace.RecoverStackAsync(name, cancellationToken);
        context.Console.WriteLine($"Recovered stack '{name}' from its backup and {records} journal record(s).");
        return ExitCodes.Success;
    }
}

using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack ls</c>: the project's stacks, and which need recovering.</summary>
internal sealed class StackListCommand(CliConsole console) : CliCommand("ls", "List the project's stacks", console)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = await context.OpenWorkspaceAsync(cancellationToken);
        foreach (var s in await workspace.ListStacksAsync(cancellationToken))
            context.Console.WriteLine(workspace.NeedsRecovery(s) ? $"{s}  (checkpoint missing, only its backup is left: run `ecr-automation stack recover --stack {s}`)" : s);
        return ExitCodes.Success;
    }
}

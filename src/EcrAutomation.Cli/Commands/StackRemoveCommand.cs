using System.CommandLine;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack rm [NAME]</c>: removes a stack and its state (refused while it has resources, unless forced).</summary>
internal sealed class StackRemoveCommand : CliCommand
{
    private static readonly Option<bool> Force = new("--force", "-f") { Description = "Remove even if the stack still has resources (they keep running)" };

    public StackRemoveCommand(CliConsole console)
        : base("rm", "Remove a stack and its state", console, CommonOptions.Stack, Force, CommonOptions.Yes)
    {
        Arguments.Add(StackCommand.StackName);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = await context.OpenWorkspaceAsync(cancellationToken);
        var name = context.StackName(StackCommand.StackName);
        await workspace.RemoveStackAsync(name, context.Get(Force), cancellationToken);
        context.Console.WriteLine($"Stack '{name}' has been removed!");
        return ExitCodes.Success;
    }
}

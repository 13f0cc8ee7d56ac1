using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation cancel</c>: removes the locks a killed update left behind.</summary>
internal sealed class CancelCommand(CliConsole console)
    : CliCommand("cancel", "Remove the stack's locks (after an update was killed)", console, CommonOptions.Stack, CommonOptions.Yes)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        var removed = await session.Stack.CancelAsync(cancellationToken);
        if (removed.Count == 0) context.Console.WriteLine("The stack is not locked.");
        else
        {
            context.Console.WriteLine($"Removed {removed.Count} lock(s) of stack '{session.Name}':");
            foreach (var holder in removed) context.Console.WriteLine($"  held by {holder}");
        }
        return ExitCodes.Success;
    }
}

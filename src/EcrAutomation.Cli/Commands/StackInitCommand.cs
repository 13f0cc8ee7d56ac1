using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack init [NAME]</c>: creates a stack.</summary>
internal sealed class StackInitCommand : CliCommand
{
    public StackInitCommand(CliConsole console)
        : base("init", "Create a stack", console, CommonOptions.Stack)
    {
        Arguments.Add(StackCommand.StackName);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = await context.OpenWorkspaceAsync(cancellationToken);
        var name = context.StackName(StackCommand.StackName);
        await workspace.CreateStackAsync(name, cancellationToken);
        context.Console.WriteLine($"Created stack '{name}'");
        return ExitCodes.Success;
    }
}

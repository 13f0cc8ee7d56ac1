using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack import</c>: replaces the stack's state with an export (from ecr-automation or Pulumi).</summary>
internal sealed class StackImportCommand(CliConsole console)
    : CliCommand("import", "Replace the stack's state with an export (from ecr-automation or Pulumi)", console, CommonOptions.Stack, StackCommand.File)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        var json = context.Get(StackCommand.File) is { } path
            ? await System.IO.File.ReadAllTextAsync(path, cancellationToken)
            : await context.Console.ReadToEndAsync(cancellationToken);
        await session.Stack.ImportStackAsync(StackDeployment.FromJsonString(json), cancellationToken);
        context.Console.WriteLine("Import complete.");
        return ExitCodes.Success;
    }
}

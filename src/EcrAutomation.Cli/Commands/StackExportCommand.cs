using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack export</c>: the stack's state in Pulumi's export format.</summary>
internal sealed class StackExportCommand(CliConsole console)
    : CliCommand("export", "Print the stack's state in Pulumi's export format", console, CommonOptions.Stack, StackCommand.File, CommonOptions.ShowSecrets)
{
    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        var deployment = await session.Stack.ExportStackAsync(context.Get(CommonOptions.ShowSecrets), cancellationToken);
        if (context.Get(StackCommand.File) is { } path) await System.IO.File.WriteAllTextAsync(path, deployment.Json, cancellationToken);
        else context.Console.WriteLine(deployment.Json);
        return ExitCodes.Success;
    }
}

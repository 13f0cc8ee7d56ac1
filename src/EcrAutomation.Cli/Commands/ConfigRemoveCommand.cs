using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation config rm KEY</c>: removes a config value.</summary>
internal sealed class ConfigRemoveCommand : CliCommand
{
    public ConfigRemoveCommand(CliConsole console)
        : base("rm", "Remove a config value", console, CommonOptions.Stack)
    {
        Arguments.Add(ConfigCommand.Key);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        await session.Stack.RemoveConfigAsync(context.Get(ConfigCommand.Key)!, cancellationToken);
        return ExitCodes.Success;
    }
}

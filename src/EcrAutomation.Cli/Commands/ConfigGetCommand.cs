using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation config get KEY</c>: prints one config value (decrypted, for a secret).</summary>
internal sealed class ConfigGetCommand : CliCommand
{
    public ConfigGetCommand(CliConsole console)
        : base("get", "Print one config value", console, CommonOptions.Stack)
    {
        Arguments.Add(ConfigCommand.Key);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        context.Console.WriteLine((await session.Stack.GetConfigAsync(context.Get(ConfigCommand.Key)!, cancellationToken)).Value);
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation config set KEY VALUE [--secret]</c>: sets a config value, encrypted when secret.</summary>
internal sealed class ConfigSetCommand : CliCommand
{
    private static readonly Argument<string> Value = new("value");
    private static readonly Option<bool> Secret = new("--secret") { Description = "Encrypt the value (needs PULUMI_CONFIG_PASSPHRASE)" };

    public ConfigSetCommand(CliConsole console)
        : base("set", "Set a config value", console, CommonOptions.Stack, Secret)
    {
        Arguments.Add(ConfigCommand.Key);
        Arguments.Add(Value);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: true, cancellationToken);
        await session.Stack.SetConfigAsync(context.Get(ConfigCommand.Key)!, new ConfigValue(context.Get(Value)!, context.Get(Secret)), cancellationToken);
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation config ...</c>: the config verbs, and the key argument they share.</summary>
internal sealed class ConfigCommand : Command
{
    public static readonly Argument<string> Key = new("key") { Description = "namespace:name (a bare name uses the project's namespace)" };

    public ConfigCommand(CliConsole console)
        : base("config", "Manage stack configuration")
    {
        Subcommands.Add(new ConfigGetCommand(console));
        Subcommands.Add(new ConfigSetCommand(console));
        Subcommands.Add(new ConfigRemoveCommand(console));
    }
}

using System.CommandLine;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack ...</c>: the stack verbs, and the argument and option some of them share.</summary>
internal sealed class StackCommand : Command
{
    /// <summary>The stack as a positional argument, as in Pulumi (instead of <c>--stack</c>).</summary>
    public static readonly Argument<string?> StackName = new("name") { Description = "The stack (instead of --stack)", Arity = ArgumentArity.ZeroOrOne };

    /// <summary>The file an export writes or an import reads.</summary>
    public static readonly Option<string?> File = new("--file") { Description = "The file to write or read (default: stdout/stdin)" };

    public StackCommand(CliConsole console)
        : base("stack", "Manage stacks")
    {
        Subcommands.Add(new StackListCommand(console));
        Subcommands.Add(new StackInitCommand(console));
        Subcommands.Add(new StackRemoveCommand(console));
        Subcommands.Add(new StackExportCommand(console));
        Subcommands.Add(new StackImportCommand(console));
        Subcommands.Add(new StackRecoverCommand(console));
        Subcommands.Add(new StackChangeSecretsProviderCommand(console));
    }
}

using System.CommandLine;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation stack init [NAME] [--secrets-provider URL]</c>: creates a stack.</summary>
internal sealed class StackInitCommand : CliCommand
{
    private static readonly Option<string?> SecretsProvider = new("--secrets-provider")
    {
        Description = "How the stack's secrets are encrypted: passphrase (default) or awskms://KEY_ID_OR_ALIAS?region=REGION",
    };

    public StackInitCommand(CliConsole console)
        : base("init", "Create a stack", console, CommonOptions.Stack, SecretsProvider)
    {
        Arguments.Add(StackCommand.StackName);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var workspace = await context.OpenWorkspaceAsync(cancellationToken, context.Get(SecretsProvider));
        var name = context.StackName(StackCommand.StackName);
        await workspace.CreateStackAsync(name, cancellationToken);
        context.Console.WriteLine($"Created stack '{name}'");
        return ExitCodes.Success;
    }
}

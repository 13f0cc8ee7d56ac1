using System.CommandLine;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// <c>ecr-automation stack change-secrets-provider URL</c>: re-encrypts the stack's config and state with another secrets
/// provider, or rotates its key when it is the same one. A change to <c>passphrase</c> takes the new passphrase from
/// <c>PULUMI_CONFIG_PASSPHRASE</c> (or <c>_FILE</c>), as Pulumi does when it cannot prompt.
/// </summary>
internal sealed class StackChangeSecretsProviderCommand : CliCommand
{
    private static readonly Argument<string> Provider = new("new-secrets-provider") { Description = "passphrase or awskms://KEY_ID_OR_ALIAS?region=REGION" };

    public StackChangeSecretsProviderCommand(CliConsole console)
        : base("change-secrets-provider", "Re-encrypt the stack's config and state with another secrets provider (or rotate its key)", console, CommonOptions.Stack)
    {
        Arguments.Add(Provider);
    }

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        context.Console.WriteLine("Migrating old configuration and state to new secrets provider");
        await session.Stack.ChangeSecretsProviderAsync(context.Get(Provider)!, cancellationToken: cancellationToken);
        return ExitCodes.Success;
    }
}

namespace EcrAutomation.Automation;

/// <summary>Options of <see cref="WorkspaceStack.ChangeSecretsProviderAsync"/>.</summary>
public sealed class SecretsProviderOptions
{
    /// <summary>The passphrase for a change to the <c>passphrase</c> provider; default: <c>PULUMI_CONFIG_PASSPHRASE</c> (or <c>_FILE</c>) of the workspace.</summary>
    public string? NewPassphrase { get; set; }
}

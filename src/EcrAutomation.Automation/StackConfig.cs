namespace EcrAutomation.Automation;

/// <summary>A stack's configuration for one run: values by full key (secrets decrypted) and which of them are secret.</summary>
internal sealed record StackConfig(IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> SecretKeys);

using EcrAutomation.Events;
using EcrAutomation.Providers;
using EcrAutomation.Secrets;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

/// <summary>Everything one engine run needs.</summary>
internal sealed record DeploymentRequest
{
    public required string Project { get; init; }
    public required string Stack { get; init; }
    public required ProviderRegistry Providers { get; init; }
    public required StackStore Store { get; init; }
    public ProgramDefinition? Program { get; init; }
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
    /// <summary>Config keys whose values are secret (blinded in the prelude event).</summary>
    public IReadOnlySet<string> SecretConfigKeys { get; init; } = new HashSet<string>();
    /// <summary>Opens the stack's secrets manager for the checkpoint's <c>secrets_providers</c> JSON (null: the stack config's, or a new one). Called only when a secret is met.</summary>
    public Func<string?, ISecretsManager>? Secrets { get; init; }
    public DeploymentOptions Options { get; init; } = new();
    public Action<EngineEvent>? OnEvent { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

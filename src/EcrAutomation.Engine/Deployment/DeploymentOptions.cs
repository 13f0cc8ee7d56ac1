using System.Collections.Immutable;
using EcrAutomation.Events;
using EcrAutomation.Providers;
using EcrAutomation.Secrets;
using EcrAutomation.State;

namespace EcrAutomation.Deployment;

/// <summary>Options of one engine operation, with Pulumi's names.</summary>
public sealed record DeploymentOptions
{
    public UpdateKind Kind { get; init; } = UpdateKind.Update;
    /// <summary>Dry run: compute and report the plan, change nothing (also for refresh and destroy previews).</summary>
    public bool DryRun { get; init; }
    /// <summary>Maximum provider operations in flight at once.</summary>
    /// <value>16.</value>
    public int Parallel { get; init; } = 16;
    public IReadOnlyList<string> Target { get; init; } = [];
    public bool TargetDependents { get; init; }
    public IReadOnlyList<string> Replace { get; init; } = [];
    public bool ExpectNoChanges { get; init; }
    public bool ContinueOnError { get; init; }
    public string? Message { get; init; }
    /// <summary>How long in-flight provider calls may run after cancellation before they are cancelled too.</summary>
    /// <value>30 seconds.</value>
    public TimeSpan CancellationGracePeriod { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Everything one engine run needs.</summary>
public sealed record DeploymentRequest
{
    public required string Project { get; init; }
    public required string Stack { get; init; }
    public required ProviderRegistry Providers { get; init; }
    public required StackStore Store { get; init; }
    public ProgramDefinition? Program { get; init; }
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
    /// <summary>Config keys whose values are secret (blinded in the prelude event).</summary>
    public IReadOnlySet<string> SecretConfigKeys { get; init; } = new HashSet<string>();
    /// <summary>Opens the stack's secrets manager for a salt (null salt: create one). Called only when a secret is met.</summary>
    public Func<string?, ISecretsManager>? Secrets { get; init; }
    public DeploymentOptions Options { get; init; } = new();
    public Action<EngineEvent>? OnEvent { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>The outcome of an operation.</summary>
public sealed record DeploymentResult(UpdateOutcome Result, IImmutableDictionary<OperationType, int> ResourceChanges, PropertyMap Outputs, IReadOnlyList<string> Errors, TimeSpan Duration)
{
    /// <summary>False when the stack's state could not be read: the operation did not start and changed nothing.</summary>
    public bool StateLoaded { get; init; } = true;

    public bool Succeeded => Result == UpdateOutcome.Succeeded;
}

/// <summary>A <c>target</c> or <c>replace</c> URN is malformed, not in the stack, or cannot be operated on alone; nothing was changed.</summary>
public sealed class InvalidUrnOptionException(IReadOnlyList<string> urns, string message) : Exception(message)
{
    public IReadOnlyList<string> Urns { get; } = urns;
}

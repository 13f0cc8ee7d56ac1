using System.Collections.Immutable;
using EcrAutomation.Providers;

namespace EcrAutomation.Deployment;

/// <summary>The outcome of an operation.</summary>
internal sealed record DeploymentResult(UpdateOutcome Result, IImmutableDictionary<OperationType, int> ResourceChanges, PropertyMap Outputs, IReadOnlyList<string> Errors, TimeSpan Duration)
{
    /// <summary>False when the stack's state could not be read: the operation did not start and changed nothing.</summary>
    public bool StateLoaded { get; init; } = true;

    public bool Succeeded => Result == UpdateOutcome.Succeeded;
}

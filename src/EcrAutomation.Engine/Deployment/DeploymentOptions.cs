namespace EcrAutomation.Deployment;

/// <summary>Options of one engine operation, with Pulumi's names.</summary>
internal sealed record DeploymentOptions
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

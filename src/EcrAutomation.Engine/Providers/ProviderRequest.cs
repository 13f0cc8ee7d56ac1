namespace EcrAutomation.Providers;

/// <summary>What the engine knows about the resource a provider call is for, and what the call may use.</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
public abstract record ProviderRequest(string Urn, string Type, string Name)
{
    /// <summary>Diagnostics sink: messages appear in the event stream attached to this resource.</summary>
    public IResourceLog Log { get; init; } = NullResourceLog.Instance;
    /// <summary>
    /// Stack configuration visible to providers (plain strings; secrets decrypted). For a resource of an explicit provider,
    /// that package's keys are replaced by the provider's inputs.
    /// </summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// The run this call belongs to: connections and caches providers share within the run, disposed when it ends. A request
    /// made outside the engine (a test calling a provider directly) gets a scope of its own.
    /// </summary>
    public DeploymentScope Scope { get; init; } = new();
}

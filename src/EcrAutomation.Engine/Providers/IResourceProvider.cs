namespace EcrAutomation.Providers;

/// <summary>
/// An in-process resource provider for one or more type tokens (<c>pkg:module:Type</c>).
/// The engine calls Check, then Diff (when the resource exists), then exactly one of Create/Update/Delete;
/// Read serves refresh and import. Implementations must be safe to call concurrently for different resources.
/// </summary>
public interface IResourceProvider
{
    /// <summary>Validates new inputs and fills defaults (for example auto-names), given the previous inputs if any.</summary>
    Task<CheckResponse> CheckAsync(CheckRequest request, CancellationToken cancellationToken = default);

    /// <summary>Compares old state with new checked inputs.</summary>
    Task<DiffResponse> DiffAsync(DiffRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates the resource. During preview this is never called: see <see cref="PreviewAsync"/>.</summary>
    Task<CreateResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads the live state of a resource by id (refresh, import). Returns null when it no longer exists.</summary>
    Task<ReadResponse?> ReadAsync(ReadRequest request, CancellationToken cancellationToken = default);

    /// <summary>Updates the resource in place.</summary>
    Task<UpdateResponse> UpdateAsync(UpdateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes the resource. A resource that is already gone must count as deleted.</summary>
    Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// The outputs a create or update would produce, computed without side effects (preview).
    /// The default returns the inputs merged over the old outputs; properties missing from the result are unknown.
    /// </summary>
    Task<PropertyMap> PreviewAsync(PreviewRequest request, CancellationToken cancellationToken = default)
    {
        var outputs = request.OldOutputs ?? PropertyMap.Empty;
        foreach (var (k, v) in request.Inputs) outputs = outputs.Set(k, v);
        return Task.FromResult(outputs);
    }

    /// <summary>
    /// Looks for a resource whose create was interrupted (the process died after the call began and before its result was
    /// recorded). Returns its live state so the engine can adopt it instead of creating a duplicate, or null when it does
    /// not exist, cannot be found, or cannot be proven to be this resource's (by the name or token the create chose and
    /// the inputs it sent: never someone else's). <see cref="ReadResponse.Inputs"/>, when set, are the inputs the resource
    /// has now (for a create that got only part of the way), so the next diff applies the rest. The default finds nothing.
    /// </summary>
    Task<ReadResponse?> FindInterruptedCreateAsync(FindRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<ReadResponse?>(null);
}

/// <summary>What the engine knows about the resource a provider call is for.</summary>
public abstract record ProviderRequest(string Urn, string Type, string Name)
{
    /// <summary>Diagnostics sink: messages appear in the event stream attached to this resource.</summary>
    public IResourceLog Log { get; init; } = NullResourceLog.Instance;
    /// <summary>Stack configuration visible to providers (plain strings; secrets decrypted).</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// The run this call belongs to: connections and caches providers share within the run, disposed when it ends. A request
    /// made outside the engine (a test calling a provider directly) gets a scope of its own.
    /// </summary>
    public DeploymentScope Scope { get; init; } = new();
}

public sealed record CheckRequest(string Urn, string Type, string Name, PropertyMap? OldInputs, PropertyMap NewInputs, byte[] RandomSeed)
    : ProviderRequest(Urn, Type, Name);
public sealed record DiffRequest(string Urn, string Type, string Name, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs, IReadOnlyList<string> IgnoreChanges)
    : ProviderRequest(Urn, Type, Name);
public sealed record CreateRequest(string Urn, string Type, string Name, PropertyMap Inputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);
public sealed record ReadRequest(string Urn, string Type, string Name, string Id, PropertyMap? Inputs, PropertyMap? State)
    : ProviderRequest(Urn, Type, Name);
public sealed record UpdateRequest(string Urn, string Type, string Name, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);
public sealed record DeleteRequest(string Urn, string Type, string Name, string Id, PropertyMap Inputs, PropertyMap Outputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);
public sealed record PreviewRequest(string Urn, string Type, string Name, string? Id, PropertyMap Inputs, PropertyMap? OldOutputs)
    : ProviderRequest(Urn, Type, Name);
public sealed record FindRequest(string Urn, string Type, string Name, PropertyMap Inputs)
    : ProviderRequest(Urn, Type, Name);

/// <summary>A check failure on one property.</summary>
public sealed record CheckFailure(string? Property, string Reason);

public sealed record CheckResponse(PropertyMap Inputs, IReadOnlyList<CheckFailure> Failures)
{
    public static CheckResponse Ok(PropertyMap inputs) => new(inputs, []);
}


/// <summary>The outcome of a diff.</summary>
public sealed record DiffResponse(bool Changes, IReadOnlyList<string> ReplaceKeys, IReadOnlyList<string> ChangedKeys, IReadOnlyDictionary<string, DiffKind> DetailedDiff, bool DeleteBeforeReplace = false)
{
    public static readonly DiffResponse None = new(false, [], [], new Dictionary<string, DiffKind>());
}

public sealed record CreateResponse(string Id, PropertyMap Outputs);
public sealed record ReadResponse(string Id, PropertyMap Outputs, PropertyMap? Inputs = null);
public sealed record UpdateResponse(PropertyMap Outputs);

/// <summary>Receives provider diagnostics for one resource.</summary>
public interface IResourceLog
{
    void Info(string message);
    void Warning(string message);
}

internal sealed class NullResourceLog : IResourceLog
{
    public static readonly NullResourceLog Instance = new();
    public void Info(string message) { }
    public void Warning(string message) { }
}

/// <summary>A provider failure the user can act on; its message is shown as is.</summary>
public class ResourceProviderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A create that made the resource and then failed (Pulumi's "partial create" / initialization error): the engine records
/// the resource with <see cref="Id"/>, <see cref="Inputs"/> (what the resource has now, so the next diff applies the rest)
/// and <see cref="Outputs"/>, then fails the step; the next update updates it instead of creating it again.
/// </summary>
public sealed class ResourceInitializationException(string id, PropertyMap inputs, PropertyMap outputs, string message, Exception? inner = null)
    : ResourceProviderException(message, inner)
{
    public string Id { get; } = id;
    public PropertyMap Inputs { get; } = inputs;
    public PropertyMap Outputs { get; } = outputs;
}

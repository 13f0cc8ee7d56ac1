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

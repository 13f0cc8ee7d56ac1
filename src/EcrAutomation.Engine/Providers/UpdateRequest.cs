namespace EcrAutomation.Providers;

/// <summary>Asks a provider to update a resource in place (<see cref="IResourceProvider.UpdateAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="Id">The resource's provider id.</param>
/// <param name="OldInputs">The inputs recorded in state.</param>
/// <param name="OldOutputs">The outputs recorded in state.</param>
/// <param name="NewInputs">The new checked inputs.</param>
/// <param name="Timeout">The program's update timeout (<see cref="CustomTimeouts.Update"/>), or null for the provider's own.</param>
public sealed record UpdateRequest(string Urn, string Type, string Name, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);

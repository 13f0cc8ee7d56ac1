namespace EcrAutomation.Providers;

/// <summary>Asks a provider to delete a resource (<see cref="IResourceProvider.DeleteAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="Id">The resource's provider id.</param>
/// <param name="Inputs">The inputs recorded in state.</param>
/// <param name="Outputs">The outputs recorded in state.</param>
/// <param name="Timeout">The program's delete timeout (<see cref="CustomTimeouts.Delete"/>), or null for the provider's own.</param>
public sealed record DeleteRequest(string Urn, string Type, string Name, string Id, PropertyMap Inputs, PropertyMap Outputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);

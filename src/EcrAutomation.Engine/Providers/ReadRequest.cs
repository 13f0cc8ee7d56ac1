namespace EcrAutomation.Providers;

/// <summary>Asks a provider for the live state of a resource by id, for refresh and import (<see cref="IResourceProvider.ReadAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="Id">The provider id of the resource to read.</param>
/// <param name="Inputs">The inputs recorded in state (refresh) or given by the program (import), or null when unknown.</param>
/// <param name="State">The outputs recorded in state, or null for an import.</param>
public sealed record ReadRequest(string Urn, string Type, string Name, string Id, PropertyMap? Inputs, PropertyMap? State)
    : ProviderRequest(Urn, Type, Name);

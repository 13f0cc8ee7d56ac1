namespace EcrAutomation.Providers;

/// <summary>Asks a provider which outputs a create or update would produce, without side effects (<see cref="IResourceProvider.PreviewAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="Id">The resource's provider id for an update, or null for a create.</param>
/// <param name="Inputs">The checked inputs; some may be unknown during preview.</param>
/// <param name="OldOutputs">The outputs recorded in state for an update, or null for a create.</param>
public sealed record PreviewRequest(string Urn, string Type, string Name, string? Id, PropertyMap Inputs, PropertyMap? OldOutputs)
    : ProviderRequest(Urn, Type, Name);

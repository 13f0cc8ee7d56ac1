namespace EcrAutomation.Providers;

/// <summary>The live state of a resource, from <see cref="IResourceProvider.ReadAsync"/> or <see cref="IResourceProvider.FindInterruptedCreateAsync"/>.</summary>
/// <param name="Id">The resource's provider id.</param>
/// <param name="Outputs">The resource's live outputs.</param>
/// <param name="Inputs">The inputs the resource has now, or null to keep those recorded in state.</param>
public sealed record ReadResponse(string Id, PropertyMap Outputs, PropertyMap? Inputs = null);

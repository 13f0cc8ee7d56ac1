namespace EcrAutomation.Providers;

/// <summary>The outcome of <see cref="IResourceProvider.CreateAsync"/>.</summary>
/// <param name="Id">The new resource's provider id, recorded in state and given to later calls.</param>
/// <param name="Outputs">The resource's outputs (its inputs plus what the cloud computed).</param>
public sealed record CreateResponse(string Id, PropertyMap Outputs);

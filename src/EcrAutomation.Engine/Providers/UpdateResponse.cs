namespace EcrAutomation.Providers;

/// <summary>The outcome of <see cref="IResourceProvider.UpdateAsync"/>.</summary>
/// <param name="Outputs">The resource's outputs after the update.</param>
public sealed record UpdateResponse(PropertyMap Outputs);

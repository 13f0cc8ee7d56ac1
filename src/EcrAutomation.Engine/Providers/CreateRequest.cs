namespace EcrAutomation.Providers;

/// <summary>Asks a provider to create a resource (<see cref="IResourceProvider.CreateAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="Inputs">The checked inputs.</param>
/// <param name="Timeout">The program's create timeout (<see cref="CustomTimeouts.Create"/>), or null for the provider's own.</param>
public sealed record CreateRequest(string Urn, string Type, string Name, PropertyMap Inputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);

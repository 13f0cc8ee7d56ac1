namespace EcrAutomation.Providers;

/// <summary>Asks a provider for a resource whose create was interrupted (<see cref="IResourceProvider.FindInterruptedCreateAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="Inputs">The inputs the interrupted create sent, including the name or token it chose.</param>
public sealed record FindRequest(string Urn, string Type, string Name, PropertyMap Inputs)
    : ProviderRequest(Urn, Type, Name);

namespace EcrAutomation.Providers;

/// <summary>Asks a provider to validate a resource's new inputs and fill their defaults (<see cref="IResourceProvider.CheckAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="OldInputs">The inputs recorded in state for this resource, or null for a new resource; a replacement is checked without them so it gets fresh auto-names.</param>
/// <param name="NewInputs">The inputs the program gives now.</param>
/// <param name="RandomSeed">A seed derived from the stack and URN, the same for preview and up, for deterministic auto-names (<see cref="AutoNaming"/>).</param>
public sealed record CheckRequest(string Urn, string Type, string Name, PropertyMap? OldInputs, PropertyMap NewInputs, byte[] RandomSeed)
    : ProviderRequest(Urn, Type, Name);

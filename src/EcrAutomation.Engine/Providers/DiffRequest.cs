namespace EcrAutomation.Providers;

/// <summary>Asks a provider what changed between a resource's recorded state and its new checked inputs (<see cref="IResourceProvider.DiffAsync"/>).</summary>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="Name">The resource's logical name (the name auto-names are derived from).</param>
/// <param name="Id">The resource's provider id.</param>
/// <param name="OldInputs">The inputs recorded in state.</param>
/// <param name="OldOutputs">The outputs recorded in state.</param>
/// <param name="NewInputs">The new inputs, as <see cref="IResourceProvider.CheckAsync"/> returned them.</param>
/// <param name="IgnoreChanges">Input properties whose changes the program asked to ignore (<see cref="ResourceOptions.IgnoreChanges"/>).</param>
public sealed record DiffRequest(string Urn, string Type, string Name, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs, IReadOnlyList<string> IgnoreChanges)
    : ProviderRequest(Urn, Type, Name);

namespace EcrAutomation.Providers;

public sealed record ReadRequest(string Urn, string Type, string Name, string Id, PropertyMap? Inputs, PropertyMap? State)
    : ProviderRequest(Urn, Type, Name);

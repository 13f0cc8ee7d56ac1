namespace EcrAutomation.Providers;

public sealed record FindRequest(string Urn, string Type, string Name, PropertyMap Inputs)
    : ProviderRequest(Urn, Type, Name);

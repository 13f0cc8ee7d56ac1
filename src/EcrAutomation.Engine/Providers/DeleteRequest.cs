namespace EcrAutomation.Providers;

public sealed record DeleteRequest(string Urn, string Type, string Name, string Id, PropertyMap Inputs, PropertyMap Outputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);

namespace EcrAutomation.Providers;

public sealed record CreateRequest(string Urn, string Type, string Name, PropertyMap Inputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);

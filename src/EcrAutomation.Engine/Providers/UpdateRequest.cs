namespace EcrAutomation.Providers;

public sealed record UpdateRequest(string Urn, string Type, string Name, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs, TimeSpan? Timeout)
    : ProviderRequest(Urn, Type, Name);

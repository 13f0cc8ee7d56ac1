namespace EcrAutomation.Providers;

public sealed record CheckRequest(string Urn, string Type, string Name, PropertyMap? OldInputs, PropertyMap NewInputs, byte[] RandomSeed)
    : ProviderRequest(Urn, Type, Name);

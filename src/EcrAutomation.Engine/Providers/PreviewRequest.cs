namespace EcrAutomation.Providers;

public sealed record PreviewRequest(string Urn, string Type, string Name, string? Id, PropertyMap Inputs, PropertyMap? OldOutputs)
    : ProviderRequest(Urn, Type, Name);

namespace EcrAutomation.Providers;

public sealed record DiffRequest(string Urn, string Type, string Name, string Id, PropertyMap OldInputs, PropertyMap OldOutputs, PropertyMap NewInputs, IReadOnlyList<string> IgnoreChanges)
    : ProviderRequest(Urn, Type, Name);

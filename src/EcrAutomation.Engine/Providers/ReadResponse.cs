namespace EcrAutomation.Providers;

public sealed record ReadResponse(string Id, PropertyMap Outputs, PropertyMap? Inputs = null);

namespace EcrAutomation.Providers;

public sealed record UpdateResponse(PropertyMap Outputs);

namespace EcrAutomation.Providers;

public sealed record CreateResponse(string Id, PropertyMap Outputs);

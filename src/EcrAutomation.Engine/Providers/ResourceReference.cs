namespace EcrAutomation.Providers;

/// <summary>A reference from one resource's properties to another resource.</summary>
public sealed record ResourceReference(string Urn, string? Id);

namespace EcrAutomation.Providers;

/// <summary>A reference from one resource's properties to another resource.</summary>
/// <param name="Urn">The referenced resource's URN.</param>
/// <param name="Id">Its provider id, or null for a component or an unknown id.</param>
public sealed record ResourceReference(string Urn, string? Id);

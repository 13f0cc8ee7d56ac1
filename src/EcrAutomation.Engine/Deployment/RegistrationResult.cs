using EcrAutomation.Providers;

namespace EcrAutomation.Deployment;

/// <summary>What the engine returns for a registered resource.</summary>
internal sealed record RegistrationResult(string Urn, string? Id, PropertyMap Outputs, bool IsPreview);

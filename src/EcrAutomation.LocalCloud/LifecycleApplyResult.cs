namespace EcrAutomation.LocalCloud;

/// <summary>What one application of lifecycle policies expired.</summary>
/// <param name="Expired">The expired images, per repository.</param>
public sealed record LifecycleApplyResult(IReadOnlyList<ExpiredImageInfo> Expired);

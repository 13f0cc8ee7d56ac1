namespace EcrAutomation.Lifecycle;

/// <summary>An image expired by a rule.</summary>
/// <param name="Image">The image.</param>
/// <param name="AppliedRulePriority">The rulePriority of the rule that expires it.</param>
public sealed record ExpiredImage(LifecycleImage Image, int AppliedRulePriority);

namespace EcrAutomation.Lifecycle;

/// <summary>An image transitioned to another storage class by a rule.</summary>
/// <param name="Image">The image.</param>
/// <param name="AppliedRulePriority">The rulePriority of the rule that transitions it.</param>
/// <param name="TargetStorageClass">The storage class it moves to.</param>
public sealed record TransitionedImage(LifecycleImage Image, int AppliedRulePriority, StorageClass TargetStorageClass);

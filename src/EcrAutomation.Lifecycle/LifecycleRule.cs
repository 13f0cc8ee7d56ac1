namespace EcrAutomation.Lifecycle;

/// <summary>One lifecycle policy rule.</summary>
/// <param name="RulePriority">Unique priority, at least 1; lower values are applied first.</param>
/// <param name="Description">Optional free text.</param>
/// <param name="Selection">Which images the rule selects.</param>
/// <param name="Action">What happens to the selected images.</param>
public sealed record LifecycleRule(int RulePriority, string? Description, LifecycleSelection Selection, LifecycleAction Action);

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A <c>forward</c> action's target group with its weight (0-999; requests split in proportion).</summary>
internal sealed record WeightedTargetGroup(string Arn, int Weight);

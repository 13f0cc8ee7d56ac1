namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A listener with its rules in evaluation order (by priority, the default rule last).</summary>
internal sealed record ListenerRecord(string Arn, string LoadBalancerArn, int Port, string Protocol, IReadOnlyList<ListenerRule> Rules);

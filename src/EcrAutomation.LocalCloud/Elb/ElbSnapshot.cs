namespace EcrAutomation.LocalCloud.Elb;

/// <summary>Everything moto holds for ELBv2 in one region, as read after a change.</summary>
internal sealed record ElbSnapshot(
    IReadOnlyList<LoadBalancerRecord> LoadBalancers, IReadOnlyList<ListenerRecord> Listeners, IReadOnlyList<TargetGroupRecord> TargetGroups)
{
    public static readonly ElbSnapshot Empty = new([], [], []);
}

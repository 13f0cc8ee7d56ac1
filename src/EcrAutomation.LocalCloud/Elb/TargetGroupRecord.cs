namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// A target group as moto keeps it, with the attributes the local cloud acts on. Only <c>ip</c> targets (of
/// <c>TargetType</c> <c>ip</c>) are reachable here; <c>LoadBalancerArns</c> lists the load balancers whose listeners or
/// rules forward to it (none: its targets are <c>unused</c>).
/// </summary>
internal sealed record TargetGroupRecord(
    string Arn, string Name, string? Protocol, int? Port, string TargetType, HealthCheckSettings HealthCheck, TimeSpan DeregistrationDelay,
    IReadOnlyList<string> LoadBalancerArns)
{
    public static readonly TimeSpan DefaultDeregistrationDelay = TimeSpan.FromSeconds(300);
}

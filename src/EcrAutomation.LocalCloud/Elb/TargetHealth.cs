namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A target's health as <c>DescribeTargetHealth</c> reports it.</summary>
/// <param name="State"><c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, <c>draining</c> or <c>unused</c>.</param>
/// <param name="Reason">AWS's reason code (<c>Elb.InitialHealthChecking</c>, <c>Target.ResponseCodeMismatch</c>, ...); null when healthy.</param>
/// <param name="Description">AWS's text for the reason, e.g. <c>Health checks failed with these codes: [404]</c>.</param>
internal sealed record TargetHealth(string State, string? Reason, string? Description)
{
    public const string Initial = "initial";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Draining = "draining";
    public const string Unused = "unused";

    public static readonly TargetHealth NotRegistered = new(Unused, "Target.NotRegistered", "Target is not registered to the target group");
}

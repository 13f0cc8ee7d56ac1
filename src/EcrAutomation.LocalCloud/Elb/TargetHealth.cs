namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A target's health as <c>DescribeTargetHealth</c> reports it.</summary>
/// <param name="State"><c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, <c>draining</c>, <c>unused</c> or <c>unavailable</c>.</param>
/// <param name="Reason">AWS's reason code (<c>Elb.InitialHealthChecking</c>, <c>Target.ResponseCodeMismatch</c>, ...); null when healthy.</param>
/// <param name="Description">AWS's text for the reason, e.g. <c>Health checks failed with these codes: [404]</c>.</param>
internal sealed record TargetHealth(string State, string? Reason, string? Description)
{
    public const string Initial = "initial";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Draining = "draining";
    public const string Unused = "unused";
    public const string Unavailable = "unavailable";

    public static readonly TargetHealth Passing = new(Healthy, null, null);
    public static readonly TargetHealth RegistrationInProgress = new(Initial, "Elb.RegistrationInProgress", "Target registration is in progress");
    public static readonly TargetHealth InitialHealthChecking = new(Initial, "Elb.InitialHealthChecking", "Initial health checks in progress");
    public static readonly TargetHealth TimedOut = new(Unhealthy, "Target.Timeout", "Request timed out");
    public static readonly TargetHealth FailedHealthChecks = new(Unhealthy, "Target.FailedHealthChecks", "Health checks failed");
    public static readonly TargetHealth DeregistrationInProgress = new(Draining, "Target.DeregistrationInProgress", "Target deregistration is in progress");
    public static readonly TargetHealth NotRegistered = new(Unused, "Target.NotRegistered", "Target is not registered to the target group");
    public static readonly TargetHealth NotInUse = new(Unused, "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer");
    public static readonly TargetHealth HealthCheckDisabled = new(Unavailable, "Target.HealthCheckDisabled", "Health checks are disabled");

    public static TargetHealth ResponseCodeMismatch(int statusCode)
        => new(Unhealthy, "Target.ResponseCodeMismatch", $"Health checks failed with these codes: [{statusCode}]");
}

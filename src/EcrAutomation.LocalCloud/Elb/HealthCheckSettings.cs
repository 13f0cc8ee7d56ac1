using System.Globalization;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// A target group's health check, as <c>DescribeTargetGroups</c> reports it (AWS's defaults when unset). <c>Port</c> is
/// <c>traffic-port</c> (the target's own port) or a port number; <c>Matcher</c> lists success codes: <c>200</c>,
/// <c>200,202</c> or <c>200-299</c>.
/// </summary>
internal sealed record HealthCheckSettings(
    bool Enabled, string Protocol, string Port, string Path, TimeSpan Interval, TimeSpan Timeout, int HealthyThreshold, int UnhealthyThreshold, string Matcher)
{
    public static readonly HealthCheckSettings Default = new(true, "HTTP", "traffic-port", "/", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5), 5, 2, "200");

    /// <summary>The port checked for a target registered on <paramref name="trafficPort"/>.</summary>
    public int PortFor(int trafficPort) => int.TryParse(Port, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : trafficPort;

    /// <summary>Whether <paramref name="statusCode"/> counts as a successful check.</summary>
    public bool Matches(int statusCode)
    {
        foreach (var part in Matcher.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0
                ? int.Parse(part[..dash], CultureInfo.InvariantCulture) <= statusCode && statusCode <= int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture)
                : int.Parse(part, CultureInfo.InvariantCulture) == statusCode)
            {
                return true;
            }
        }

        return false;
    }
}

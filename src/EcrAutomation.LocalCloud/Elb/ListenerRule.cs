using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A listener rule: when every condition matches a request, its action answers it. The default rule has none.</summary>
/// <param name="Priority">1-50000; null for the default rule, which comes last.</param>
/// <param name="Conditions">All must match.</param>
/// <param name="Action">The terminal action (forward, fixed-response or redirect).</param>
internal sealed record ListenerRule(int? Priority, IReadOnlyList<RuleCondition> Conditions, RuleAction Action)
{
    public bool Matches(HttpContext context) => Conditions.All(c => c.Matches(context));
}

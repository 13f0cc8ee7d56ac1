namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// A rule's terminal action: <c>forward</c> to weighted target groups, <c>fixed-response</c> or <c>redirect</c>
/// (the fields of the other types stay null). Redirect parts may use <c>#{protocol}</c>, <c>#{host}</c>, <c>#{port}</c>,
/// <c>#{path}</c> and <c>#{query}</c>, as on AWS.
/// </summary>
internal sealed record RuleAction(
    string Type,
    IReadOnlyList<WeightedTargetGroup> TargetGroups,
    FixedResponse? Fixed = null,
    RedirectTarget? Redirect = null);

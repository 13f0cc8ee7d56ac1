using System.Globalization;
using System.Net;
using System.Xml.Linq;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>Reads the ELBv2 query protocol's XML answers (moto's, which follow AWS's shapes) into the local cloud's records.</summary>
internal static class ElbXml
{
    public static IReadOnlyList<LoadBalancerRecord> LoadBalancers(XElement result)
        => [.. Members(result, "LoadBalancers").Select(m => new LoadBalancerRecord(
            Text(m, "LoadBalancerArn")!, Text(m, "LoadBalancerName")!, Text(m, "DNSName")!, Text(m, "Type") ?? "application"))];

    public static IReadOnlyList<(string Arn, string LoadBalancerArn, int Port, string Protocol)> Listeners(XElement result)
        => [.. Members(result, "Listeners").Select(m => (
            Text(m, "ListenerArn")!, Text(m, "LoadBalancerArn")!, int.Parse(Text(m, "Port") ?? "80", CultureInfo.InvariantCulture), Text(m, "Protocol") ?? "HTTP"))];

    /// <summary>The rules in evaluation order: by priority, the default rule last.</summary>
    public static IReadOnlyList<ListenerRule> Rules(XElement result)
        => [.. Members(result, "Rules")
            .Select(m => new ListenerRule(
                Text(m, "IsDefault") == "true" || Text(m, "Priority") == "default" ? null : int.Parse(Text(m, "Priority")!, CultureInfo.InvariantCulture),
                [.. Members(m, "Conditions").Select(Condition)],
                TerminalAction(Members(m, "Actions"))))
            .OrderBy(r => r.Priority ?? int.MaxValue)];

    public static IReadOnlyList<(string Arn, string Name, string? Protocol, int? Port, string TargetType, HealthCheckSettings HealthCheck, IReadOnlyList<string> LoadBalancerArns)> TargetGroups(XElement result)
        => [.. Members(result, "TargetGroups").Select(m => (
            Text(m, "TargetGroupArn")!,
            Text(m, "TargetGroupName")!,
            Text(m, "Protocol"),
            Int(m, "Port"),
            Text(m, "TargetType") ?? "instance",
            HealthCheck(m),
            (IReadOnlyList<string>)[.. Members(m, "LoadBalancerArns").Select(a => a.Value)]))];

    /// <summary><c>deregistration_delay.timeout_seconds</c> from <c>DescribeTargetGroupAttributes</c>.</summary>
    public static TimeSpan DeregistrationDelay(XElement result)
        => Members(result, "Attributes").FirstOrDefault(a => Text(a, "Key") == "deregistration_delay.timeout_seconds") is { } attribute
            && int.TryParse(Text(attribute, "Value"), CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TargetGroupRecord.DefaultDeregistrationDelay;

    /// <summary>The ip targets of <c>DescribeTargetHealth</c> (ids that are not addresses are left out).</summary>
    public static IReadOnlyList<IPEndPoint> Targets(XElement result)
        => [.. Members(result, "TargetHealthDescriptions")
            .Select(m => m.Element(m.Name.Namespace + "Target")!)
            .Where(t => IPAddress.TryParse(Text(t, "Id"), out _) && Int(t, "Port") is not null)
            .Select(t => new IPEndPoint(IPAddress.Parse(Text(t, "Id")!), Int(t, "Port")!.Value))];

    /// <summary>The <c>&lt;OpResult&gt;</c> element of a successful answer.</summary>
    public static XElement Result(string xml, string operation)
    {
        var root = XElement.Parse(xml);
        return root.Element(root.Name.Namespace + operation + "Result")
            ?? throw new InvalidOperationException($"moto answered {operation} without a result: {xml[..Math.Min(xml.Length, 300)]}");
    }

    private static HealthCheckSettings HealthCheck(XElement group)
    {
        var defaults = HealthCheckSettings.Default;
        var protocol = Text(group, "HealthCheckProtocol") ?? Text(group, "Protocol") ?? defaults.Protocol;
        return new HealthCheckSettings(
            Text(group, "HealthCheckEnabled") != "false",
            protocol,
            Text(group, "HealthCheckPort") ?? defaults.Port,
            Text(group, "HealthCheckPath") ?? defaults.Path,
            Int(group, "HealthCheckIntervalSeconds") is { } interval ? TimeSpan.FromSeconds(interval) : defaults.Interval,
            Int(group, "HealthCheckTimeoutSeconds") is { } timeout ? TimeSpan.FromSeconds(timeout) : defaults.Timeout,
            Int(group, "HealthyThresholdCount") ?? defaults.HealthyThreshold,
            Int(group, "UnhealthyThresholdCount") ?? defaults.UnhealthyThreshold,
            group.Element(group.Name.Namespace + "Matcher") is { } matcher ? Text(matcher, "HttpCode") ?? defaults.Matcher : defaults.Matcher);
    }

    private static RuleCondition Condition(XElement condition)
    {
        var field = Text(condition, "Field") ?? string.Empty;
        var config = field switch
        {
            "path-pattern" => "PathPatternConfig",
            "host-header" => "HostHeaderConfig",
            "http-header" => "HttpHeaderConfig",
            "http-request-method" => "HttpRequestMethodConfig",
            "query-string" => "QueryStringConfig",
            "source-ip" => "SourceIpConfig",
            _ => string.Empty,
        };
        var configElement = condition.Element(condition.Name.Namespace + config);
        var values = Members(condition, "Values").Select(v => v.Value).ToList();
        if (configElement is not null)
        {
            values.AddRange(field == "query-string"
                ? Members(configElement, "Values").Select(kv => $"{Text(kv, "Key")}={Text(kv, "Value")}")
                : Members(configElement, "Values").Select(v => v.Value));
        }

        return new RuleCondition(field, values, configElement is null ? null : Text(configElement, "HttpHeaderName"));
    }

    /// <summary>The action that answers (authenticate actions before it are not emulated).</summary>
    private static RuleAction TerminalAction(IEnumerable<XElement> actions)
    {
        var action = actions.OrderBy(a => Int(a, "Order") ?? 0).LastOrDefault();
        if (action is null)
        {
            return new RuleAction("fixed-response", [], new FixedResponse(503, null, null));
        }

        var ns = action.Name.Namespace;
        var type = Text(action, "Type") ?? "forward";
        switch (type)
        {
            case "fixed-response":
                var fixedConfig = action.Element(ns + "FixedResponseConfig");
                return new RuleAction(type, [], new FixedResponse(
                    Int(fixedConfig, "StatusCode") ?? 200, Text(fixedConfig, "ContentType"), Text(fixedConfig, "MessageBody")));
            case "redirect":
                var redirect = action.Element(ns + "RedirectConfig");
                return new RuleAction(type, [], Redirect: new RedirectTarget(
                    Text(redirect, "Protocol"), Text(redirect, "Host"), Text(redirect, "Port"), Text(redirect, "Path"), Text(redirect, "Query"),
                    Text(redirect, "StatusCode") == "HTTP_302" ? 302 : 301));
            default:
                var weighted = action.Element(ns + "ForwardConfig") is { } forward
                    ? Members(forward, "TargetGroups").Select(g => new WeightedTargetGroup(Text(g, "TargetGroupArn")!, Int(g, "Weight") ?? 1)).ToList()
                    : [];
                if (weighted.Count == 0 && Text(action, "TargetGroupArn") is { } single)
                {
                    weighted.Add(new WeightedTargetGroup(single, 1));
                }

                return new RuleAction(type, weighted);
        }
    }

    private static IEnumerable<XElement> Members(XElement? parent, string list)
        => parent?.Element(parent.Name.Namespace + list)?.Elements(parent.Name.Namespace + "member") ?? [];

    private static string? Text(XElement? parent, string name) => parent?.Element(parent.Name.Namespace + name)?.Value;

    private static int? Int(XElement? parent, string name)
        => int.TryParse(Text(parent, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}

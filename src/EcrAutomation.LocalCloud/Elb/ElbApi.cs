using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Text;
using System.Web;
using System.Xml.Linq;
using EcrAutomation.LocalCloud.Moto;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// The ELBv2 API (query protocol, signed for <c>elasticloadbalancing</c>): moto keeps the resources; after each change the
/// local cloud reads them back and runs them (<see cref="LoadBalancers"/>). Targets are the local cloud's own truth:
/// <c>RegisterTargets</c>/<c>DeregisterTargets</c> also reach the <see cref="TargetRegistry"/>, and
/// <c>DescribeTargetHealth</c> of an <c>ip</c> target group is answered from its real health checks.
/// </summary>
internal sealed class ElbApi(MotoProxy proxy, LoadBalancers balancers, TargetRegistry targets, ILogger logger)
{
    public const string SigningService = "elasticloadbalancing";

    private static readonly XNamespace Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private readonly SemaphoreSlim _changes = new(1, 1);

    public async Task HandleAsync(HttpContext context)
    {
        var request = await MotoRequest.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body));
        var action = form["Action"] ?? string.Empty;
        if (action == "DescribeTargetHealth" && balancers.TargetGroup(form["TargetGroupArn"] ?? string.Empty) is { TargetType: "ip" } group)
        {
            await DescribeTargetHealthAsync(context, group, form).ConfigureAwait(false);
            return;
        }

        if (!request.MayChangeState)
        {
            using var read = await proxy.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            await proxy.WriteAsync(context, read).ConfigureAwait(false);
            return;
        }

        // One change at a time, so the model read back after it is never older than the answer the caller gets.
        await _changes.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            using var response = await proxy.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
            if (response is { IsSuccessStatusCode: true })
            {
                if (action is "RegisterTargets" or "DeregisterTargets")
                {
                    ApplyTargets(action, form);
                }
                else
                {
                    await RefreshAsync(request, CancellationToken.None).ConfigureAwait(false);
                }
            }

            await proxy.WriteAsync(context, response).ConfigureAwait(false);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>
    /// After a restart: moto has replayed its journal, so the load balancers, listeners and API-registered targets of every
    /// region a client used are read back and served again.
    /// </summary>
    public async Task RestoreAsync(IEnumerable<MotoRequest> journaled, CancellationToken cancellationToken)
    {
        foreach (var scope in journaled.Where(r => r.Scope.EndsWith("/" + SigningService, StringComparison.Ordinal)).DistinctBy(r => Region(r)))
        {
            await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var snapshot = await RefreshAsync(scope, cancellationToken).ConfigureAwait(false);
                foreach (var group in snapshot.TargetGroups.Where(g => g.TargetType == "ip"))
                {
                    var health = await DescribeAsync(scope, "DescribeTargetHealth", $"TargetGroupArn={Uri.EscapeDataString(group.Arn)}", cancellationToken).ConfigureAwait(false);
                    foreach (var target in ElbXml.Targets(health))
                    {
                        targets.Register(group.Arn, target.Address, target.Port);
                    }
                }
            }
            finally
            {
                _changes.Release();
            }
        }
    }

    private async Task<ElbSnapshot> RefreshAsync(MotoRequest scope, CancellationToken cancellationToken)
    {
        var loadBalancers = ElbXml.LoadBalancers(await DescribeAsync(scope, "DescribeLoadBalancers", "PageSize=400", cancellationToken).ConfigureAwait(false));
        var listeners = new List<ListenerRecord>();
        foreach (var balancer in loadBalancers)
        {
            var described = await DescribeAsync(scope, "DescribeListeners", $"LoadBalancerArn={Uri.EscapeDataString(balancer.Arn)}&PageSize=400", cancellationToken).ConfigureAwait(false);
            foreach (var (arn, loadBalancerArn, port, protocol) in ElbXml.Listeners(described))
            {
                var rules = ElbXml.Rules(await DescribeAsync(scope, "DescribeRules", $"ListenerArn={Uri.EscapeDataString(arn)}&PageSize=400", cancellationToken).ConfigureAwait(false));
                listeners.Add(new ListenerRecord(arn, loadBalancerArn, port, protocol, rules));
            }
        }

        var groups = new List<TargetGroupRecord>();
        foreach (var group in ElbXml.TargetGroups(await DescribeAsync(scope, "DescribeTargetGroups", "PageSize=400", cancellationToken).ConfigureAwait(false)))
        {
            var attributes = await DescribeAsync(scope, "DescribeTargetGroupAttributes", $"TargetGroupArn={Uri.EscapeDataString(group.Arn)}", cancellationToken).ConfigureAwait(false);
            groups.Add(new TargetGroupRecord(
                group.Arn, group.Name, group.Protocol, group.Port, group.TargetType, group.HealthCheck, ElbXml.DeregistrationDelay(attributes), group.LoadBalancerArns));
        }

        var snapshot = new ElbSnapshot(loadBalancers, listeners, groups);
        await balancers.ApplyAsync(Region(scope), snapshot, cancellationToken).ConfigureAwait(false);
        return snapshot;
    }

    /// <summary>Reads from moto with the credential scope of a client's request (so moto serves the same account and region).</summary>
    private async Task<XElement> DescribeAsync(MotoRequest scope, string operation, string parameters, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = ["application/x-www-form-urlencoded; charset=utf-8"],
        };
        foreach (var name in new[] { "Authorization", "Host", "X-Amz-Date" })
        {
            if (scope.Headers.TryGetValue(name, out var value))
            {
                headers[name] = value;
            }
        }

        var body = Encoding.UTF8.GetBytes($"Action={operation}&Version=2015-12-01&{parameters}");
        using var response = await proxy.SendAsync(new MotoRequest("POST", "/", headers, body), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("moto_server stopped while the load balancers were read");
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"moto answered {operation} with {(int)response.StatusCode}: {text}");
        }

        return ElbXml.Result(text, operation);
    }

    private void ApplyTargets(string action, NameValueCollection form)
    {
        var arn = form["TargetGroupArn"] ?? string.Empty;
        if (balancers.TargetGroup(arn) is not { TargetType: "ip" } group)
        {
            return;
        }

        for (var i = 1; form[$"Targets.member.{i}.Id"] is { } id; i++)
        {
            var port = int.TryParse(form[$"Targets.member.{i}.Port"], CultureInfo.InvariantCulture, out var p) ? p : group.Port ?? 80;
            if (!IPAddress.TryParse(id, out var address))
            {
                continue;
            }

            if (action == "RegisterTargets")
            {
                targets.Register(arn, address, port);
            }
            else
            {
                _ = targets.Deregister(arn, address, port);
            }
        }

        logger.LogDebug("{Action} applied to {TargetGroup}", action, arn);
    }

    private async Task DescribeTargetHealthAsync(HttpContext context, TargetGroupRecord group, NameValueCollection form)
    {
        var asked = new List<(string Id, int Port)>();
        for (var i = 1; form[$"Targets.member.{i}.Id"] is { } id; i++)
        {
            asked.Add((id, int.TryParse(form[$"Targets.member.{i}.Port"], CultureInfo.InvariantCulture, out var p) ? p : group.Port ?? 80));
        }

        IEnumerable<(string Id, int Port, TargetHealth Health)> described = asked.Count == 0
            ? targets.Describe(group.Arn).Select(d => (d.Target.Address.ToString(), d.Target.Port, d.Health))
            : asked.Select(t => (t.Id, t.Port, IPAddress.TryParse(t.Id, out var address) ? targets.Health(group.Arn, address, t.Port) : TargetHealth.NotRegistered));
        var members = described.Select(d => new XElement(
            Namespace + "member",
            new XElement(Namespace + "Target", new XElement(Namespace + "Id", d.Id), new XElement(Namespace + "Port", d.Port)),
            new XElement(Namespace + "HealthCheckPort", group.HealthCheck.PortFor(d.Port)),
            new XElement(
                Namespace + "TargetHealth",
                new XElement(Namespace + "State", d.Health.State),
                d.Health.Reason is null ? null : new XElement(Namespace + "Reason", d.Health.Reason),
                d.Health.Description is null ? null : new XElement(Namespace + "Description", d.Health.Description))));
        var answer = new XElement(
            Namespace + "DescribeTargetHealthResponse",
            new XElement(Namespace + "DescribeTargetHealthResult", new XElement(Namespace + "TargetHealthDescriptions", members)),
            new XElement(Namespace + "ResponseMetadata", new XElement(Namespace + "RequestId", Guid.NewGuid().ToString())));
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(answer.ToString(SaveOptions.DisableFormatting), context.RequestAborted).ConfigureAwait(false);
    }

    private static string Region(MotoRequest request) => request.Scope.Split('/') is [_, var region, _] ? region : string.Empty;
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>
/// The API server's <c>/metrics</c>: <c>apiserver_request_total</c> by HTTP verb, <c>dryRun</c> query value and response
/// code, in Prometheus' text format as a real API server serves it (a subset of its labels), so a client can tell
/// whether anything wrote to the cluster (<c>kubectl get --raw /metrics</c>).
/// </summary>
internal sealed class RequestMetrics
{
    private readonly ConcurrentDictionary<(string Verb, string DryRun, int Code), long> _requests = new();

    public void Record(HttpContext context)
    {
        var key = (context.Request.Method.ToUpperInvariant(), ResourcePath.Query(context, "dryRun") ?? "", context.Response.StatusCode);
        _requests.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    public string Render()
    {
        var text = new StringBuilder()
            .Append("# HELP apiserver_request_total Counter of apiserver requests broken out for each verb, dry run value and HTTP response code.\n")
            .Append("# TYPE apiserver_request_total counter\n");
        foreach (var ((verb, dryRun, code), count) in _requests.OrderBy(kv => kv.Key))
            text.Append(CultureInfo.InvariantCulture, $"apiserver_request_total{{code=\"{code}\",dry_run=\"{dryRun}\",verb=\"{verb}\"}} {count}\n");
        return text.ToString();
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud;

/// <summary>
/// One front door of a running local cloud, as <c>local status</c> and <c>local url</c> show it: a cloud host name (an
/// ALB's DNS name, an EKS LoadBalancer Service's hostname) that does not resolve on this machine, and the loopback URL
/// that serves it. The same name also works as the <c>Host</c> header of a request to the local cloud's own endpoint.
/// </summary>
/// <param name="HostName">The cloud name, lower case, e.g. <c>lb-1.us-east-1.elb.amazonaws.com</c>.</param>
/// <param name="Kind">What serves it: <c>alb</c> for a load balancer listener, <c>eks-service</c> for a Kubernetes Service.</param>
/// <param name="Url">Where a client on this machine reaches it, <c>http://127.0.0.1:&lt;port&gt;/</c>.</param>
public sealed record FrontDoorSummary(string HostName, string Kind, Uri Url)
{
    /// <summary>The front doors of the local cloud <paramref name="state"/> describes, by host name.</summary>
    /// <exception cref="HttpRequestException">The local cloud does not answer.</exception>
    public static async Task<IReadOnlyList<FrontDoorSummary>> ListAsync(LocalCloudState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var listing = await client.GetFromJsonAsync<JsonObject>(new Uri(state.Endpoint, "/_localcloud/frontdoors"), cancellationToken).ConfigureAwait(false);
        return listing?["frontDoors"]?.Deserialize<List<FrontDoorSummary>>(JsonSerializerOptions.Web) ?? [];
    }

    /// <summary>
    /// The loopback URL for a cloud address: a host name, <c>host/path</c> or a full <c>http(s)://host/path?query</c>
    /// (what a stack's <c>url</c> output holds); the path and query are kept. Null when no front door serves the host.
    /// </summary>
    public static Uri? Resolve(IEnumerable<FrontDoorSummary> doors, string address)
    {
        ArgumentNullException.ThrowIfNull(doors);
        ArgumentNullException.ThrowIfNull(address);
        var text = address.Trim();
        if (!Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text, UriKind.Absolute, out var parsed))
        {
            return null;
        }

        var door = doors.FirstOrDefault(d => string.Equals(d.HostName, parsed.IdnHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
        return door is null ? null : new Uri(door.Url, parsed.PathAndQuery);
    }
}

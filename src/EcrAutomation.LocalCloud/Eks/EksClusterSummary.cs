using System.Text.Json;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>One EKS cluster of a running local cloud, as <c>local status</c> lists it.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="Status">Its EKS status (ACTIVE, CREATING, ...).</param>
/// <param name="Version">Its Kubernetes minor version.</param>
/// <param name="Endpoint">Its API server, <c>https://127.0.0.1:&lt;port&gt;</c>.</param>
public sealed record EksClusterSummary(string Name, string Status, string Version, string Endpoint)
{
    /// <summary>The clusters of the local cloud <paramref name="state"/> describes (from its health endpoint), by name.</summary>
    /// <exception cref="HttpRequestException">The local cloud does not answer.</exception>
    public static async Task<IReadOnlyList<EksClusterSummary>> ListAsync(LocalCloudState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = await client.GetFromJsonAsync<JsonObject>(new Uri(state.Endpoint, "/_localcloud/health"), cancellationToken).ConfigureAwait(false);
        return health?["eksClusters"]?.Deserialize<List<EksClusterSummary>>(JsonSerializerOptions.Web) ?? [];
    }
}

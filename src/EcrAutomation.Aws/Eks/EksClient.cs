using System.Net.Http.Headers;
using System.Text.Json;
using EcrAutomation.Aws.Http;

namespace EcrAutomation.Aws.Eks;

/// <summary>Amazon EKS client (restJson: <c>POST /clusters</c>, <c>GET|DELETE /clusters/{name}</c>).</summary>
public sealed class EksClient
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/json");
    private readonly AwsRequestExecutor _executor;

    internal EksClient(AwsRequestExecutor executor) => _executor = executor;

    /// <summary>CreateCluster.</summary>
    public Task<EksClusterResponse> CreateClusterAsync(CreateEksClusterRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<EksClusterResponse>("CreateCluster", HttpMethod.Post, "clusters", JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options), cancellationToken);

    /// <summary>DescribeCluster.</summary>
    public Task<EksClusterResponse> DescribeClusterAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<EksClusterResponse>("DescribeCluster", HttpMethod.Get, "clusters/" + Uri.EscapeDataString(name), null, cancellationToken);

    /// <summary>DeleteCluster.</summary>
    public Task<EksClusterResponse> DeleteClusterAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync<EksClusterResponse>("DeleteCluster", HttpMethod.Delete, "clusters/" + Uri.EscapeDataString(name), null, cancellationToken);

    /// <summary>Polls DescribeCluster until the status is ACTIVE (FAILED or DELETING fail the wait).</summary>
    public async Task<EksCluster> WaitForClusterActiveAsync(string name, AwsWaiterOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await AwsWaiter.WaitUntilAsync(
            $"EKS cluster {name} to become ACTIVE",
            ct => DescribeClusterAsync(name, ct),
            r => r.Cluster?.Status switch
            {
                "ACTIVE" => (WaiterState.Success, "ACTIVE"),
                "FAILED" or "DELETING" => (WaiterState.Failure, r.Cluster.Status),
                var status => (WaiterState.Pending, status ?? "unknown"),
            },
            options ?? new AwsWaiterOptions { Interval = TimeSpan.FromSeconds(15), Timeout = TimeSpan.FromMinutes(30) },
            _executor.TimeProvider, _executor.Logger, cancellationToken).ConfigureAwait(false);
        return response.Cluster!;
    }

    private async Task<T> SendAsync<T>(string operation, HttpMethod method, string relativePath, byte[]? body, CancellationToken cancellationToken)
    {
        var payload = body ?? [];
        var response = await _executor.SendAsync(
            AwsServiceInfo.Eks, operation,
            endpoint =>
            {
                var message = new HttpRequestMessage(method, new Uri(endpoint, relativePath));
                if (body is not null)
                {
                    message.Content = new ByteArrayContent(body);
                    message.Content.Headers.ContentType = ContentType;
                }

                return message;
            },
            payload, cancellationToken).ConfigureAwait(false);
        return AwsJsonProtocol.Deserialize<T>(response.Body);
    }
}

using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Eks;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>
/// The Deployments of every EKS cluster of the account and region (ListClusters, DescribeCluster, then the cluster's
/// Kubernetes API with a token made like <c>aws eks get-token</c>'s): their containers and init containers. A cluster
/// that cannot be read (not ACTIVE, unreachable, the token refused) is reported in the unchecked list by name rather
/// than passed over silently; so is a failure to list the clusters.
/// </summary>
internal sealed class EksDeploymentSource : IDeployedImageSource
{
    /// <summary>How long one cluster's API may take to answer before it counts as unreachable.</summary>
    private static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(30);

    public async IAsyncEnumerable<DeployedImage> FindAsync(AwsConnection aws, string repositoryName, Func<string, string?> expiringDigest, ICollection<string> @unchecked,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        IReadOnlyList<string> clusters;
        try { clusters = await aws.Eks.ListClustersAsync(cancellationToken).ConfigureAwait(false); }
        catch (AwsException e)
        {
            @unchecked.Add($"the EKS clusters could not be listed, so their Deployments were not checked: {e.Message}");
            yield break;
        }
        foreach (var cluster in clusters)
        {
            IList<V1Deployment> deployments;
            try { deployments = await DeploymentsAsync(aws, cluster, cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (IsUnreachable(e, cancellationToken))
            {
                @unchecked.Add($"EKS cluster '{cluster}' could not be reached, so the images its Deployments run were not checked: {Reason(e)}");
                continue;
            }
            foreach (var deployment in deployments)
            {
                var spec = deployment.Spec?.Template?.Spec;
                foreach (var container in (spec?.InitContainers ?? []).Concat(spec?.Containers ?? []))
                    if (container.Image is { } image && ImageReferences.IsOf(image, repositoryName) && expiringDigest(image) is { } digest)
                        yield return new DeployedImage(digest, image, container.Name, DeployedImageRuntime.Eks,
                            $"{deployment.Metadata.NamespaceProperty ?? "default"}/{deployment.Metadata.Name}", cluster);
            }
        }
    }

    private static async Task<IList<V1Deployment>> DeploymentsAsync(AwsConnection aws, string clusterName, CancellationToken cancellationToken)
    {
        var cluster = (await aws.Eks.DescribeClusterAsync(clusterName, cancellationToken).ConfigureAwait(false)).Cluster;
        if (cluster is not { Status: "ACTIVE", Endpoint: { } endpoint })
            throw new ClusterUnavailableException($"it is {cluster?.Status ?? "not described"}, with no API endpoint to ask");
        var config = new KubernetesClientConfiguration
        {
            Host = endpoint,
            AccessToken = await EksToken.CreateAsync(aws, clusterName, cancellationToken).ConfigureAwait(false),
            HttpClientTimeout = ClusterTimeout,
        };
        if (cluster.CertificateAuthority?.Data is { Length: > 0 } ca)
            config.SslCaCerts = [X509Certificate2.CreateFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(ca)))];
        using var client = new Kubernetes(config);
        return (await client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <summary>A failure of one cluster (not of the caller's cancellation): described, not thrown.</summary>
    private static bool IsUnreachable(Exception e, CancellationToken cancellationToken) =>
        e is AwsException or HttpRequestException or HttpOperationException or ClusterUnavailableException or FormatException or System.Security.Cryptography.CryptographicException
        || e is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    private static string Reason(Exception e) => e switch
    {
        HttpOperationException http => $"the Kubernetes API answered {(int)http.Response.StatusCode} {http.Response.StatusCode}",
        OperationCanceledException => $"no answer within {ClusterTimeout.TotalSeconds:0} s",
        _ => e.Message,
    };

    private sealed class ClusterUnavailableException(string message) : Exception(message);
}

using EcrAutomation.Aws;

namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>One kind of workload the <see cref="DeployedImageGuard"/> checks for images of a repository.</summary>
internal interface IDeployedImageSource
{
    /// <summary>
    /// The workloads' containers whose image is of <paramref name="repositoryName"/> and resolves (with
    /// <paramref name="expiringDigest"/>: the digest when it would expire, else null) to an expiring digest. What cannot be
    /// read without failing the whole check is added to <paramref name="unchecked"/>, naming it.
    /// </summary>
    IAsyncEnumerable<DeployedImage> FindAsync(AwsConnection aws, string repositoryName, Func<string, string?> expiringDigest, ICollection<string> @unchecked, CancellationToken cancellationToken);
}

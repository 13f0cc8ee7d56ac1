using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Lifecycle;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>
/// Protects what is deployed: finds the images a lifecycle policy would expire that a workload of the account and region
/// runs (by digest, or by a tag resolved to its digest): ACTIVE ECS task definitions and the Deployments of the EKS
/// clusters. All of them are checked, not only the stack's, so an image deployed by another stack or by hand is protected
/// too; the workloads are read only when the policy would expire something.
/// </summary>
public static class DeployedImageGuard
{
    /// <summary>Stack config key that lets up apply a policy that expires deployed digests (CLI: --allow-expire-deployed).</summary>
    public const string AllowConfigKey = "ecr-automation:allowExpireDeployed";

    private static readonly IDeployedImageSource[] Sources = [new EcsTaskDefinitionSource(), new EksDeploymentSource()];

    /// <summary>The deployed images of <paramref name="repositoryName"/> that <paramref name="policyText"/> would expire now, and what could not be checked.</summary>
    public static async Task<DeployedImageScan> FindExpiringAsync(AwsConnection aws, string repositoryName, string policyText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var images = new List<ImageDetail>();
        try
        {
            await foreach (var image in aws.Ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = repositoryName }, cancellationToken).ConfigureAwait(false))
                images.Add(image);
        }
        catch (AwsServiceException e) when (e.ErrorCode == EcrErrorCodes.RepositoryNotFound) { return DeployedImageScan.Empty; }
        if (images.Count == 0) return DeployedImageScan.Empty;

        var now = aws.Options.TimeProvider.GetUtcNow();
        var evaluation = LifecycleEvaluator.Evaluate(LifecyclePolicy.Parse(policyText),
            images.Where(i => i.ImageDigest is not null).DistinctBy(i => i.ImageDigest).Select(i => new LifecycleImage(i.ImageDigest!, i.ImageTags ?? [], i.ImagePushedAt ?? now, i.LastRecordedPullTime)), now);
        if (evaluation.Expire.Count == 0) return DeployedImageScan.Empty;
        var expiring = evaluation.Expire.Select(e => e.Image.Digest).ToHashSet(StringComparer.Ordinal);
        var byTag = images.Where(i => i.ImageDigest is not null).SelectMany(i => (i.ImageTags ?? []).Select(t => (Tag: t, Digest: i.ImageDigest!))).ToDictionary(x => x.Tag, x => x.Digest, StringComparer.Ordinal);
        string? ExpiringDigest(string image) => ImageReferences.DigestOf(image, byTag) is { } digest && expiring.Contains(digest) ? digest : null;

        var deployed = new List<DeployedImage>();
        var @unchecked = new List<string>();
        foreach (var source in Sources)
            await foreach (var image in source.FindAsync(aws, repositoryName, ExpiringDigest, @unchecked, cancellationToken).ConfigureAwait(false))
                deployed.Add(image);
        return new DeployedImageScan(deployed, @unchecked);
    }

    /// <summary>The user-facing explanation of <paramref name="deployed"/> (at least one image).</summary>
    public static string Describe(string repositoryName, IReadOnlyList<DeployedImage> deployed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        var digests = deployed.Select(d => d.Digest).Distinct().Count();
        var users = deployed.Select(d => d.Runtime).Distinct().Order().Select(r => r == DeployedImageRuntime.Ecs ? "an ACTIVE ECS task definition" : "a Deployment in an EKS cluster");
        var lines = deployed.Select(d => $"  {d.Digest} ({d.Image}) runs in {d.Location}, container '{d.ContainerName}'");
        return $"the lifecycle policy of repository '{repositoryName}' would expire {digests} image{(digests == 1 ? "" : "s")} that {string.Join(" or ", users)} uses:\n" +
               string.Join("\n", lines) +
               $"\nKeep more images or exclude the deployed tags in the policy, or deploy another image first; to apply it anyway set {AllowConfigKey} to true (--allow-expire-deployed).";
    }

    /// <summary>True when the stack config allows expiring deployed images.</summary>
    public static bool Allowed(ProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Config.TryGetValue(AllowConfigKey, out var v) && bool.TryParse(v, out var b) && b;
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using EcrAutomation.Aws.Auth;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Lifecycle;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>
/// Protects what is deployed: finds the images a lifecycle policy would expire that an ACTIVE ECS task definition of the
/// account and region references (by digest, or by a tag resolved to its digest). All ACTIVE task definitions are
/// scanned (ListTaskDefinitions + DescribeTaskDefinition), not only the stack's, so a digest deployed by another stack
/// or by hand is protected too; the cost is one DescribeTaskDefinition per ACTIVE revision, and only when the policy
/// would expire something.
/// </summary>
public static class DeployedImageGuard
{
    /// <summary>Stack config key that lets up apply a policy that expires deployed digests (CLI: --allow-expire-deployed).</summary>
    public const string AllowConfigKey = "ecr-automation:allowExpireDeployed";

    /// <summary>The deployed images of <paramref name="repositoryName"/> that <paramref name="policyText"/> would expire now.</summary>
    public static async Task<IReadOnlyList<DeployedImage>> FindExpiringAsync(AwsConnection aws, string repositoryName, string policyText, CancellationToken cancellationToken = default)
    {
        var images = new List<ImageDetail>();
        try
        {
            await foreach (var image in aws.Ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = repositoryName }, cancellationToken).ConfigureAwait(false))
                images.Add(image);
        }
        catch (AwsServiceException e) when (e.ErrorCode == EcrErrorCodes.RepositoryNotFound) { return []; }
        if (images.Count == 0) return [];

        var now = aws.Options.TimeProvider.GetUtcNow();
        var evaluation = LifecycleEvaluator.Evaluate(LifecyclePolicy.Parse(policyText),
            images.Where(i => i.ImageDigest is not null).DistinctBy(i => i.ImageDigest).Select(i => new LifecycleImage(i.ImageDigest!, i.ImageTags ?? [], i.ImagePushedAt ?? now, i.LastRecordedPullTime)), now);
        if (evaluation.Expire.Count == 0) return [];
        var expiring = evaluation.Expire.Select(e => e.Image.Digest).ToHashSet(StringComparer.Ordinal);
        var byTag = images.Where(i => i.ImageDigest is not null).SelectMany(i => (i.ImageTags ?? []).Select(t => (Tag: t, Digest: i.ImageDigest!))).ToDictionary(x => x.Tag, x => x.Digest, StringComparer.Ordinal);

        var deployed = new List<DeployedImage>();
        await foreach (var (arn, container, image) in ReferencesAsync(aws, repositoryName, cancellationToken).ConfigureAwait(false))
        {
            var digest = DigestOf(image, byTag);
            if (digest is not null && expiring.Contains(digest)) deployed.Add(new DeployedImage(digest, arn, container, image));
        }
        return deployed;
    }

    /// <summary>The user-facing explanation of <paramref name="deployed"/>.</summary>
    public static string Describe(string repositoryName, IReadOnlyList<DeployedImage> deployed)
    {
        var digests = deployed.Select(d => d.Digest).Distinct().Count();
        var lines = deployed.Select(d => $"  {d.Digest} ({d.Image}) runs in task definition {d.TaskDefinitionArn[(d.TaskDefinitionArn.LastIndexOf('/') + 1)..]}, container '{d.ContainerName}'");
        return $"the lifecycle policy of repository '{repositoryName}' would expire {digests} image{(digests == 1 ? "" : "s")} that an ACTIVE ECS task definition uses:\n" +
               string.Join("\n", lines) +
               $"\nKeep more images or exclude the deployed tags in the policy, or deploy another image first; to apply it anyway set {AllowConfigKey} to true (--allow-expire-deployed).";
    }

    /// <summary>True when the stack config allows expiring deployed images.</summary>
    public static bool Allowed(ProviderRequest request) =>
        request.Config.TryGetValue(AllowConfigKey, out var v) && bool.TryParse(v, out var b) && b;

    private static string? DigestOf(string image, IReadOnlyDictionary<string, string> byTag)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0) return image[(at + 1)..];
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = colon > slash ? image[(colon + 1)..] : "latest";
        return byTag.TryGetValue(tag, out var digest) ? digest : null;
    }

    private static bool References(string image, string repositoryName)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return false;
        var path = image[(slash + 1)..];
        var end = path.IndexOf('@', StringComparison.Ordinal);
        if (end < 0) end = path.LastIndexOf(':') is var c && c >= 0 ? c : path.Length;
        return string.Equals(path[..end], repositoryName, StringComparison.Ordinal);
    }

    private static async IAsyncEnumerable<(string Arn, string Container, string Image)> ReferencesAsync(
        AwsConnection aws, string repositoryName, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var arn in aws.Ecs.ListAllTaskDefinitionsAsync(new ListTaskDefinitionsRequest { Status = "ACTIVE" }, cancellationToken).ConfigureAwait(false))
        {
            TaskDefinitionResponse td;
            try { td = await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = arn }, cancellationToken).ConfigureAwait(false); }
            catch (AwsServiceException e) when (e.ErrorCode == EcsErrorCodes.Client) { continue; } // deregistered meanwhile
            foreach (var c in td.TaskDefinition?.ContainerDefinitions ?? [])
                if (c.Image is { } image && References(image, repositoryName)) yield return (arn, c.Name ?? "", image);
        }
    }
}

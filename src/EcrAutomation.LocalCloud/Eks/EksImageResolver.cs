using EcrAutomation.KubernetesApi.Controllers;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Eks;

/// <summary>
/// Where a cluster's pods (and ECS tasks) pull from: the local cloud's own registry, addressed as its registry host
/// (<c>localhost:&lt;port&gt;/repo:tag</c>, also <c>127.0.0.1:&lt;port&gt;</c>) or with ECR's host name for its account and region
/// (<c>&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/repo:tag</c>), by tag or digest. Anything else cannot be pulled offline.
/// </summary>
internal sealed class EksImageResolver(RegistryState registry, Func<int> port)
{
    public async ValueTask<ImageResolution> ResolveAsync(string image, CancellationToken cancellationToken)
    {
        var (found, error) = await LocateAsync(image, cancellationToken).ConfigureAwait(false);
        return found is null ? ImageResolution.Failed(error!) : ImageResolution.Found($"{found.Host}/{found.Repository}@{found.Digest}");
    }

    /// <summary>The image's repository and manifest digest in the local registry, or why it cannot be pulled (as containerd says it).</summary>
    public async ValueTask<(LocalImage? Image, string? Error)> LocateAsync(string image, CancellationToken cancellationToken)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var host = slash > 0 ? image[..slash] : "docker.io";
        var remainder = slash > 0 ? image[(slash + 1)..] : image;
        var registryHosts = new[] { $"localhost:{port()}", $"127.0.0.1:{port()}", $"{registry.AccountId}.dkr.ecr.{registry.Region}.amazonaws.com" };
        if (!registryHosts.Contains(host, StringComparer.Ordinal))
        {
            return (null, $"failed to resolve reference \"{image}\": the local cloud's clusters pull only from its registry ({registryHosts[0]}/<repository>:<tag>), and {host} is not reachable offline");
        }

        string repository;
        string reference;
        var at = remainder.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            repository = remainder[..at];
            reference = remainder[(at + 1)..];
        }
        else
        {
            var colon = remainder.LastIndexOf(':');
            (repository, reference) = colon > 0 ? (remainder[..colon], remainder[(colon + 1)..]) : (remainder, "latest");
        }

        var digest = await registry.LockedAsync(() => registry.FindLocked(repository)?.FindByReference(reference)?.Digest, cancellationToken).ConfigureAwait(false);
        return digest is null
            ? (null, $"rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": failed to resolve reference \"{image}\": {image}: not found")
            : (new LocalImage(host, repository, digest), null);
    }
}

using System.Collections.Concurrent;
using EcrAutomation.Images.Oci;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Images;

/// <summary>
/// The exposed ports of the images a deployment run has built, by digest (content-addressed, so the same digest always has
/// the same config): lets checks see an image built at preview, before it is pushed anywhere. One per run.
/// </summary>
internal sealed class BuiltImages
{
    private readonly ConcurrentDictionary<Digest, IReadOnlyCollection<string>> _exposedPortsByDigest = new();

    /// <summary>The built images of the run of <paramref name="scope"/>.</summary>
    public static BuiltImages Of(DeploymentScope scope) => scope.GetOrAdd("awsx:built-images", () => new BuiltImages());

    public void Record(Digest digest, ImageConfig config) =>
        _exposedPortsByDigest[digest] = [.. config.Config?.ExposedPorts?.Keys ?? []];

    public IReadOnlyCollection<string>? ExposedPorts(Digest digest) =>
        _exposedPortsByDigest.TryGetValue(digest, out var ports) ? ports : null;
}

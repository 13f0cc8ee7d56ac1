using System.Collections.Concurrent;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Awsx.Images;

/// <summary>
/// The exposed ports of the images this process has built, by digest (content-addressed, so the same digest always has
/// the same config): lets checks see an image built at preview, before it is pushed anywhere.
/// </summary>
internal static class BuiltImages
{
    private static readonly ConcurrentDictionary<Digest, IReadOnlyCollection<string>> ExposedPortsByDigest = new();

    public static void Record(Digest digest, ImageConfig config) =>
        ExposedPortsByDigest[digest] = [.. config.Config?.ExposedPorts?.Keys ?? []];

    public static IReadOnlyCollection<string>? ExposedPorts(Digest digest) =>
        ExposedPortsByDigest.TryGetValue(digest, out var ports) ? ports : null;
}

namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// Whether a container image can be pulled, as the cluster's host decides (the local cloud looks in its registry):
/// the image's digest reference when it can, else the reason the pull fails.
/// </summary>
/// <param name="ImageId">The pulled image, <c>&lt;registry&gt;/&lt;repository&gt;@sha256:…</c> (a pod's <c>imageID</c>), or null.</param>
/// <param name="Error">Why the pull fails (shown in the container's waiting message), or null.</param>
public sealed record ImageResolution(string? ImageId, string? Error)
{
    /// <summary>The image exists; <paramref name="imageId"/> is its digest reference.</summary>
    public static ImageResolution Found(string imageId) => new(imageId, null);

    /// <summary>The image cannot be pulled, for the reason given.</summary>
    public static ImageResolution Failed(string error) => new(null, error);
}

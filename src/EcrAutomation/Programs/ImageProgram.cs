using EcrAutomation.Awsx.Ecr;

namespace EcrAutomation.Host.Programs;

/// <summary>
/// The seed's "Building and Publishing Images Automatically in Code" step: a repository, and the Dockerfile in
/// <c>./app</c> built and published to it during <c>up</c>. An unchanged app is never rebuilt or re-pushed.
/// </summary>
internal static class ImageProgram
{
    /// <summary>Creates the resources; exports <c>url</c> (the repository URL) and <c>image</c> (the digest-pinned image URI).</summary>
    public static IDictionary<string, object?> Run()
    {
        // Images are left in the repository when an Image is deleted (a replacement may share the digest, and other
        // stacks may pull it by digest), so destroying this demo stack needs forceDelete to remove the repository.
        var repository = new Repository("repository", new RepositoryArgs { ForceDelete = true });

        // app/Dockerfile starts FROM ${BASE_IMAGE}: a busybox-only base image published from the host's static
        // /bin/busybox, so the program builds on an offline machine (see app/README.md).
        var baseImage = new Image("base", new ImageArgs
        {
            RepositoryUrl = repository.Url,
            Context = "/bin",
            Dockerfile = "./app/base/Dockerfile",
        });

        var image = new Image("image", new ImageArgs
        {
            RepositoryUrl = repository.Url,
            Path = "./app",
            Args = new InputMap<string> { ["BASE_IMAGE"] = baseImage.ImageUri },
        });

        return new Dictionary<string, object?>
        {
            ["url"] = repository.Url,
            ["image"] = image.ImageUri,
        };
    }
}

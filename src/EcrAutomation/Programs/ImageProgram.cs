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
        var repository = DemoRepository();
        var image = AppImage(repository);

        return new Dictionary<string, object?>
        {
            ["url"] = repository.Url,
            ["image"] = image.ImageUri,
        };
    }

    /// <summary>The demo's repository. Images are left in it when an Image is deleted, hence forceDelete for destroy.</summary>
    public static Repository DemoRepository() => new("repository", new RepositoryArgs { ForceDelete = true });

    /// <summary>
    /// The image of <c>./app</c>. app/Dockerfile starts FROM ${BASE_IMAGE}: a busybox-only base image published first from
    /// the host's static /bin/busybox, so the program builds on an offline machine (see app/README.md).
    /// </summary>
    public static Image AppImage(Repository repository)
    {
        var baseImage = new Image("base", new ImageArgs
        {
            RepositoryUrl = repository.Url,
            Context = "/bin",
            Dockerfile = "./app/base/Dockerfile",
        });
        return new Image("image", new ImageArgs
        {
            RepositoryUrl = repository.Url,
            Path = "./app",
            Args = new InputMap<string> { ["BASE_IMAGE"] = baseImage.ImageUri },
        });
    }
}

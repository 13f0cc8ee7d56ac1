using EcrAutomation.Awsx.Ecr;

namespace EcrAutomation.Cli.Programs;

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
    /// The image of <c>./app</c>, as the seed builds it. app/Dockerfile starts <c>FROM busybox</c>: on the local cloud the
    /// builder pulls it from the local cloud's Docker Hub mirror, so the program builds on an offline machine (see app/README.md).
    /// </summary>
    public static Image AppImage(Repository repository) => new("image", new ImageArgs { RepositoryUrl = repository.Url, Path = "./app" });
}

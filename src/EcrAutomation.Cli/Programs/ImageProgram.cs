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

    private const string BusyboxFolder = "/bin";
    private const string BusyboxInstallHint =
        "install Debian's busybox-static package (sudo apt-get install busybox-static) or run scripts/install-prerequisites.sh";

    /// <summary>The demo's repository. Images are left in it when an Image is deleted, hence forceDelete for destroy.</summary>
    public static Repository DemoRepository() => new("repository", new RepositoryArgs { ForceDelete = true });

    /// <summary>
    /// The image of <c>./app</c>. app/Dockerfile starts FROM ${BASE_IMAGE}: a busybox-only base image published first from
    /// the host's static /bin/busybox, so the program builds on an offline machine (see app/README.md).
    /// </summary>
    public static Image AppImage(Repository repository)
    {
        RequireStaticBusybox(BusyboxFolder);
        var baseImage = new Image("base", new ImageArgs
        {
            RepositoryUrl = repository.Url,
            Context = BusyboxFolder,
            Dockerfile = "./app/base/Dockerfile",
        });
        return new Image("image", new ImageArgs
        {
            RepositoryUrl = repository.Url,
            Path = "./app",
            Args = new InputMap<string> { ["BASE_IMAGE"] = baseImage.ImageUri },
        });
    }

    /// <summary>
    /// Fails, naming the package and the set-up script, unless <paramref name="folder"/> holds a statically linked busybox:
    /// the base image contains nothing else, so a missing file fails the build and a dynamic one could not run.
    /// </summary>
    internal static void RequireStaticBusybox(string folder)
    {
        var path = Path.Combine(folder, "busybox");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The image program builds its base image from the host's {path}, which is missing: {BusyboxInstallHint}.");
        }

        if (!IsStaticElf(path))
        {
            throw new InvalidOperationException($"{path} is not statically linked, so it cannot run alone in the base image: {BusyboxInstallHint}.");
        }
    }

    /// <summary>Whether the file is an ELF executable without a PT_INTERP program header (no dynamic loader).</summary>
    private static bool IsStaticElf(string path)
    {
        const uint interpreterHeader = 3; // PT_INTERP
        using var reader = new BinaryReader(File.OpenRead(path));
        var identity = reader.ReadBytes(16);
        if (identity.Length < 16 || !identity.AsSpan(0, 4).SequenceEqual("\u007fELF"u8) || identity[5] != 1)
        {
            return false;
        }

        var is64Bit = identity[4] == 2;
        reader.BaseStream.Position = is64Bit ? 0x20 : 0x1C;
        var headersOffset = is64Bit ? reader.ReadInt64() : reader.ReadUInt32();
        reader.BaseStream.Position = is64Bit ? 0x36 : 0x2A;
        var headerSize = reader.ReadUInt16();
        var headerCount = reader.ReadUInt16();
        for (var i = 0; i < headerCount; i++)
        {
            reader.BaseStream.Position = headersOffset + (i * headerSize);
            if (reader.ReadUInt32() == interpreterHeader)
            {
                return false;
            }
        }

        return true;
    }
}

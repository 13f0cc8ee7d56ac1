namespace EcrAutomation.Images.Oci;

/// <summary>Media types of the Docker v2 schema 2 and OCI image formats.</summary>
public static class MediaTypes
{
    /// <summary>Docker v2 schema 2 image manifest.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Docker v2 schema 2 manifest list.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker image config.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>Docker gzip layer.</summary>
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    /// <summary>Docker foreign (never pushed) gzip layer.</summary>
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>OCI image index.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>OCI uncompressed layer.</summary>
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";

    /// <summary>OCI gzip layer.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

    /// <summary>OCI zstd layer.</summary>
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";

    /// <summary>OCI empty JSON descriptor (<c>{}</c>).</summary>
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    /// <summary>Every manifest and index type, in preference order, for an <c>Accept</c> header.</summary>
    public static IReadOnlyList<string> AllManifestTypes { get; } = [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    /// <summary>Whether the media type is an image index or Docker manifest list.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>Whether the media type is a single-image manifest.</summary>
    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;

    /// <summary>
    /// The OCI equivalent of a layer media type; gzip Docker layers are byte-identical to OCI gzip layers.
    /// Unknown types are returned unchanged.
    /// </summary>
    public static string ToOciLayer(string mediaType) => mediaType switch
    {
        DockerLayerGzip => OciLayerGzip,
        _ => mediaType,
    };
}

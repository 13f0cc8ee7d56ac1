using System.IO.Compression;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>What to build.</summary>
public sealed record BuildRequest
{
    /// <summary>The build context directory.</summary>
    public required string ContextDirectory { get; init; }

    /// <summary>The Dockerfile; <value>default <c>&lt;context&gt;/Dockerfile</c></value>.</summary>
    public string? DockerfilePath { get; init; }

    /// <summary>Inline Dockerfile text; wins over <see cref="DockerfilePath"/> when set.</summary>
    public string? DockerfileContent { get; init; }

    /// <summary>Build arguments (<c>--build-arg</c>).</summary>
    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    /// <summary>The stage to build; <value>default the last stage</value>.</summary>
    public string? Target { get; init; }

    /// <summary>Target platform; <value>default <c>linux/amd64</c>, never the host's</value>.</summary>
    public string? Platform { get; init; }

    /// <summary>
    /// Seconds since the Unix epoch used for every timestamp (layer entries, config and history);
    /// <value>default 0</value>. Pass the <c>SOURCE_DATE_EPOCH</c> value here to honour it.
    /// </summary>
    public long SourceDateEpoch { get; init; }
}

/// <summary>Options of the <see cref="DaemonlessImageBuilder"/>.</summary>
public sealed record DaemonlessBuilderOptions
{
    /// <summary>Cache directory; built blobs go to its <c>oci</c> content store (an OCI image layout).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Gives a registry client for a registry host, for pulling base images; <value>default anonymous clients</value>.</summary>
    public Func<string, RegistryClient>? RegistryClients { get; init; }

    /// <summary>Gzip level of built layers; part of the digest, so keep it fixed. <value>Default <see cref="CompressionLevel.Fastest"/>.</value></summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;

    /// <summary>How many layers are compressed at once. <value>Default the processor count.</value></summary>
    public int MaxParallelLayers { get; init; } = Environment.ProcessorCount;

    /// <summary>Download base image layers into the store (otherwise they are mounted or streamed at push time). <value>Default false.</value></summary>
    public bool DownloadBaseLayers { get; init; }
}

/// <summary>A layer of a built image: built locally, or reused from a base image by digest.</summary>
public sealed record BuiltLayer
{
    /// <summary>The layer descriptor as it appears in the manifest.</summary>
    public required Descriptor Descriptor { get; init; }

    /// <summary>Digest of the uncompressed tar.</summary>
    public required Digest DiffId { get; init; }

    /// <summary>Local blob file, when the layer was built or downloaded.</summary>
    public string? LocalPath { get; init; }

    /// <summary>Registry of the base image the layer came from, if any.</summary>
    public string? SourceRegistry { get; init; }

    /// <summary>Repository of the base image the layer came from, if any.</summary>
    public string? SourceRepository { get; init; }

    /// <summary>The instruction that produced it (for diagnostics).</summary>
    public string? CreatedBy { get; init; }
}

/// <summary>A built image: manifest (exact bytes), config and layers, all but base layers stored locally.</summary>
public sealed record BuildResult
{
    /// <summary>The manifest bytes; its digest is the image digest.</summary>
    public required ManifestContent Manifest { get; init; }

    /// <summary>The image digest (<c>sha256:…</c> of the manifest bytes).</summary>
    public Digest Digest => Manifest.Digest;

    /// <summary>The config descriptor.</summary>
    public required Descriptor ConfigDescriptor { get; init; }

    /// <summary>The config.</summary>
    public required ImageConfig Config { get; init; }

    /// <summary>Local path of the config blob.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>The layers, base first.</summary>
    public required IReadOnlyList<BuiltLayer> Layers { get; init; }

    /// <summary>The OCI image layout directory holding the built blobs (readable by skopeo as <c>oci:&lt;dir&gt;:&lt;ref&gt;</c>).</summary>
    public required string OciLayoutPath { get; init; }

    /// <summary>The reference name under which the manifest is recorded in the layout's <c>index.json</c>.</summary>
    public required string OciReference { get; init; }

    /// <summary>The platform built for.</summary>
    public required Platform Platform { get; init; }

    /// <summary>Every diagnostics line the build produced.</summary>
    public required IReadOnlyList<string> Diagnostics { get; init; }

    /// <summary>A push request for this image; base layers are mounted or streamed from their registry.</summary>
    public ImagePushRequest ToPushRequest(string repository, string? tag, Func<string, RegistryClient>? sourceClients = null)
    {
        var blobs = new List<BlobSource> { BlobSource.FromFile(ConfigDescriptor, ConfigPath) };
        blobs.AddRange(Layers.Select(l => new BlobSource
        {
            Descriptor = l.Descriptor,
            FilePath = l.LocalPath,
            SourceRegistry = l.SourceRegistry,
            SourceRepository = l.SourceRepository,
        }));
        return new ImagePushRequest { Repository = repository, Tag = tag, Manifest = Manifest, Blobs = blobs, SourceClients = sourceClients };
    }
}

/// <summary>The outcome of a daemonless build.</summary>
public abstract record BuildOutcome;

/// <summary>The image was built.</summary>
public sealed record BuildSucceeded(BuildResult Result) : BuildOutcome;

/// <summary>
/// The Dockerfile needs a Docker engine (for example a <c>RUN</c> instruction); nothing was built.
/// <see cref="Message"/> names the line and says how to proceed.
/// </summary>
public sealed record BuildRequiresDockerEngine(int Line, string Instruction, string Message) : BuildOutcome;

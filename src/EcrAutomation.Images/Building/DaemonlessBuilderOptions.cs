using System.IO.Compression;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

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

using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>What to build.</summary>
public sealed record BuildRequest
{
    /// <summary>The build context directory: COPY and ADD sources are read from it, minus what its <c>.dockerignore</c> excludes.</summary>
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

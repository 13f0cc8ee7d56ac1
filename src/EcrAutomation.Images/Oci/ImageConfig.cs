using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// The image configuration blob
/// (<see href="https://github.com/opencontainers/image-spec/blob/main/config.md">OCI image config</see>).
/// Unknown members of a pulled config are kept in <see cref="Extra"/> so they survive a rebuild on top of it.
/// </summary>
public sealed record ImageConfig
{
    /// <summary>Creation time, RFC 3339. Builders set a fixed value so digests are reproducible.</summary>
    [JsonPropertyName("created")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Created { get; init; }

    /// <summary>Optional author.</summary>
    [JsonPropertyName("author")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Author { get; init; }

    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>Optional CPU variant.</summary>
    [JsonPropertyName("variant")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }

    /// <summary>Execution parameters for containers.</summary>
    [JsonPropertyName("config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ContainerConfig? Config { get; init; }

    /// <summary>The layer diff ids (digests of the uncompressed tars).</summary>
    [JsonPropertyName("rootfs")]
    public required RootFs RootFs { get; init; }

    /// <summary>History, one entry per instruction; entries with <see cref="HistoryEntry.EmptyLayer"/> have no layer.</summary>
    [JsonPropertyName("history")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<HistoryEntry>? History { get; init; }

    /// <summary>Members this model does not know, kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>Container execution parameters of an image config (Docker's capitalised member names).</summary>
public sealed record ContainerConfig
{
    /// <summary>User (name or uid[:gid]).</summary>
    [JsonPropertyName("User")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get; init; }

    /// <summary>Exposed ports, keys like <c>80/tcp</c>.</summary>
    [JsonPropertyName("ExposedPorts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }

    /// <summary>Environment, <c>KEY=value</c>.</summary>
    [JsonPropertyName("Env")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>Entrypoint.</summary>
    [JsonPropertyName("Entrypoint")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Default arguments.</summary>
    [JsonPropertyName("Cmd")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Volumes.</summary>
    [JsonPropertyName("Volumes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, EmptyObject>? Volumes { get; init; }

    /// <summary>Working directory.</summary>
    [JsonPropertyName("WorkingDir")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WorkingDir { get; init; }

    /// <summary>Labels.</summary>
    [JsonPropertyName("Labels")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Stop signal.</summary>
    [JsonPropertyName("StopSignal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StopSignal { get; init; }

    /// <summary>Shell used for shell-form instructions (Docker extension).</summary>
    [JsonPropertyName("Shell")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Shell { get; init; }

    /// <summary>Members this model does not know, kept verbatim.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The JSON <c>{}</c> used as the value of port and volume sets.</summary>
public sealed record EmptyObject
{
    /// <summary>The single instance.</summary>
    public static EmptyObject Instance { get; } = new();
}

/// <summary>The <c>rootfs</c> member of an image config.</summary>
public sealed record RootFs
{
    /// <summary>Always <c>layers</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "layers";

    /// <summary>Digests of the uncompressed layer tars, base first.</summary>
    [JsonPropertyName("diff_ids")]
    public required IReadOnlyList<Digest> DiffIds { get; init; }
}

/// <summary>One history entry of an image config.</summary>
public sealed record HistoryEntry
{
    /// <summary>Creation time, RFC 3339.</summary>
    [JsonPropertyName("created")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Created { get; init; }

    /// <summary>The instruction that created it.</summary>
    [JsonPropertyName("created_by")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedBy { get; init; }

    /// <summary>Optional author.</summary>
    [JsonPropertyName("author")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Author { get; init; }

    /// <summary>Optional comment.</summary>
    [JsonPropertyName("comment")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comment { get; init; }

    /// <summary>True when the instruction produced no layer.</summary>
    [JsonPropertyName("empty_layer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EmptyLayer { get; init; }
}

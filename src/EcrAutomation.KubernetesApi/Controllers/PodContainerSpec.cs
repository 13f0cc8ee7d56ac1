namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// What the kubelet asks a runtime to run: one container of a pod spec with its image resolved to a digest. Null lists and
/// values are filled from the image's config as Kubernetes does (<c>command</c> replaces the entrypoint, <c>args</c> the cmd).
/// </summary>
public sealed record PodContainerSpec
{
    /// <summary>The container's name in the pod spec.</summary>
    public required string Name { get; init; }

    /// <summary>The image as the resolver found it, <c>&lt;registry&gt;/&lt;repository&gt;@sha256:…</c> (also the container status' <c>imageID</c>).</summary>
    public required string ImageId { get; init; }

    /// <summary>The pod spec's <c>command</c> (the image's entrypoint when null), with <c>$(VAR)</c> references expanded.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The pod spec's <c>args</c> (the image's cmd when null), with <c>$(VAR)</c> references expanded.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Environment variables from the pod spec (added to, and overriding, the image's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The pod spec's <c>workingDir</c> (the image's when null).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The memory limit in bytes (<c>resources.limits.memory</c>), or null for none.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The CPU limit in cores (<c>resources.limits.cpu</c>), or null for none.</summary>
    public double? CpuLimit { get; init; }

    /// <summary>Receives each line the container writes to stdout or stderr (the kubelet keeps them for <c>kubectl logs</c>).</summary>
    public Action<PodLogLine>? OnLog { get; init; }
}

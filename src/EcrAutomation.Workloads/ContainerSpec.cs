namespace EcrAutomation.Workloads;

/// <summary>
/// What to run in a <see cref="Sandbox"/>: an image by manifest digest and the process settings. Whatever is left
/// <see langword="null"/> comes from the image's config (Entrypoint, Cmd, Env, WorkingDir, User), as Docker, ECS and
/// Kubernetes do: a spec <see cref="Entrypoint"/> drops the image's Cmd unless <see cref="Command"/> is set too, and
/// <see cref="Environment"/> is merged over the image's Env.
/// </summary>
public sealed record ContainerSpec
{
    /// <summary>The container's name, unique within its sandbox (an ECS container definition's or a pod container's name).</summary>
    public required string Name { get; init; }

    /// <summary>The repository in the <see cref="IContainerImageStore"/> that holds the image.</summary>
    public required string Repository { get; init; }

    /// <summary>The image's manifest digest (<c>sha256:...</c>): callers resolve tags first so a tag moving under a running service does not change what runs.</summary>
    public required string Digest { get; init; }

    /// <summary>Replaces the image's Entrypoint (ECS <c>entryPoint</c>, Kubernetes <c>command</c>); <see langword="null"/> keeps it.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Replaces the image's Cmd (ECS <c>command</c>, Kubernetes <c>args</c>); <see langword="null"/> keeps it unless <see cref="Entrypoint"/> is set.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>Environment variables set over the image's Env.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The process's working directory; <see langword="null"/> uses the image's WorkingDir, else <c>/</c>.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The user to run as: <c>uid</c>, <c>uid:gid</c>, <c>name</c> or <c>name:group</c> (names resolved through the image's
    /// <c>/etc/passwd</c> and <c>/etc/group</c>); <see langword="null"/> uses the image's User, else root.
    /// </summary>
    public string? User { get; init; }

    /// <summary>The memory limit in bytes (a cgroup limit where the host allows one); <see langword="null"/> for none.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The CPU limit in CPUs (1.0 = one core; ECS cpu units / 1024), as a cgroup quota where the host allows one.</summary>
    public double? CpuLimit { get; init; }

    /// <summary>Receives each line the container writes to stdout or stderr, from a background thread, in order per stream.</summary>
    public Action<ContainerLogLine>? OnLog { get; init; }
}

namespace EcrAutomation.Awsx.Images;

/// <summary>Settings of the image provider that <see cref="AwsxProviders.Register"/> adds: where builds run and cache, and the Docker engine.</summary>
public sealed record ImageProviderOptions
{
    /// <summary>
    /// The folder relative context and Dockerfile paths are resolved against (the project folder, where Pulumi.yaml is);
    /// itself relative to the current directory when relative.
    /// <value>Default the process's current directory at the time of each call.</value>
    /// </summary>
    public string? WorkDirectory { get; init; }

    /// <summary>
    /// Where the daemonless builder keeps built blobs and base-layer indexes.
    /// <value>Default <c>$ECR_AUTOMATION_HOME/image-cache</c> (ECR_AUTOMATION_HOME defaults to <c>~/.ecr-automation</c>)</value>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// The Docker engine endpoint (<c>unix:///path/docker.sock</c> or <c>tcp://host:port</c>).
    /// <value>Default <c>DOCKER_HOST</c>, else <c>unix:///var/run/docker.sock</c></value>.
    /// </summary>
    public string? DockerHost { get; init; }

    /// <summary>
    /// Whether a preview of a changed image builds it (daemonless only, never pushed) to report the exact new digest.
    /// <value>Default true, like docker-build's buildOnPreview.</value>
    /// </summary>
    public bool BuildOnPreview { get; init; } = true;

    /// <summary>How long to wait for the Docker engine to answer a ping before calling it unavailable. <value>Default 3 s.</value></summary>
    public TimeSpan DockerPingTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Clock for credential expiry. <value>Default <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The Docker engine endpoint in effect.</summary>
    internal string EffectiveDockerHost =>
        DockerHost ?? (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } env ? env : "unix:///var/run/docker.sock");

    /// <summary>The cache folder in effect.</summary>
    internal string EffectiveCacheDirectory
    {
        get
        {
            if (CacheDirectory is not null) return CacheDirectory;
            var home = Environment.GetEnvironmentVariable("ECR_AUTOMATION_HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ecr-automation");
            }

            return Path.Combine(home, "image-cache");
        }
    }

    /// <summary>Resolves a path given in the program against <see cref="WorkDirectory"/>.</summary>
    internal string Resolve(string path) => Path.GetFullPath(path, Path.GetFullPath(WorkDirectory ?? Environment.CurrentDirectory));
}

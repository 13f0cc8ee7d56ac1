namespace EcrAutomation.Images.Registry;

/// <summary>Options of a <see cref="RegistryClient"/>. Values are read once when the client is created.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>One mebibyte.</summary>
    public const int MiB = 1024 * 1024;

    /// <summary>The registry host with optional port, e.g. <c>123456789012.dkr.ecr.us-east-1.amazonaws.com</c> or <c>127.0.0.1:5000</c>.</summary>
    public required string Registry { get; init; }

    /// <summary>Credentials for Basic auth or for the Bearer token endpoint; null for anonymous access.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>
    /// Whether to use https. <value>Null (the default) means plain http for <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c>, https otherwise.</value>
    /// </summary>
    public bool? UseHttps { get; init; }

    /// <summary>Maximum number of blobs uploaded at once. <value>Default 4.</value></summary>
    public int MaxParallelUploads { get; init; } = 4;

    /// <summary>Blobs up to this size are uploaded with one PUT; larger ones in chunks. <value>Default 64 MiB.</value></summary>
    public long MonolithicUploadThreshold { get; init; } = 64L * MiB;

    /// <summary>
    /// Chunk size of chunked uploads. <value>Default 8 MiB.</value> For Amazon ECR it is clamped to 5–10 MiB,
    /// because ECR rejects smaller parts (except the last) and larger ones.
    /// </summary>
    public int ChunkSize { get; init; } = 8 * MiB;

    /// <summary>How many times a transient failure (I/O error, 408, 429, 5xx) is retried. <value>Default 4.</value></summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First retry delay, doubled with jitter on each attempt. <value>Default 250 ms.</value></summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Timeout of one HTTP request. <value>Default 10 minutes.</value></summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Options for an endpoint given as a URL (e.g. ECR's <c>proxyEndpoint</c> <c>https://123456789012.dkr.ecr.us-east-1.amazonaws.com</c>,
    /// or <c>http://127.0.0.1:5000</c>) or as a bare host; the URL scheme decides http or https.
    /// </summary>
    public static RegistryClientOptions ForEndpoint(string endpoint, RegistryCredentials? credentials = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return new RegistryClientOptions { Registry = uri.Authority, UseHttps = uri.Scheme == "https", Credentials = credentials };
        }

        return new RegistryClientOptions { Registry = endpoint.TrimEnd('/'), Credentials = credentials };
    }

    /// <summary>Clock used by the retry delays. <value>Default <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

using System.Net;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>
/// A client for one registry speaking the
/// <see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution protocol</see>:
/// Basic and Bearer auth, HEAD-before-upload, cross-repository mount, monolithic and chunked uploads (with Amazon ECR's
/// part-size rules), bounded parallel pushes, retries of transient failures, and digest-verified pulls.
/// Thread-safe; create one per registry and reuse it.
/// </summary>
/// <remarks>
/// The work is split by concern behind this one entry point: the connection (auth and retries), blob reads, manifests
/// and tags, and uploads.
/// </remarks>
public sealed class RegistryClient : IDisposable
{
    private readonly RegistryClientOptions _options;
    private readonly RegistryConnection _connection;
    private readonly RegistryBlobs _blobs;
    private readonly RegistryManifests _manifests;
    private readonly RegistryUploads _uploads;

    /// <summary>Creates a client. <paramref name="handler"/> lets tests and hosts supply the HTTP stack.</summary>
    /// <param name="options">The registry and how to talk to it; read once here.</param>
    /// <param name="handler">The HTTP stack to send through; null for a pooled <see cref="SocketsHttpHandler"/> owned by the client.</param>
    public RegistryClient(RegistryClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelUploads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1);
        _options = options;
        _connection = new RegistryConnection(options, handler);
        ChunkSize = IsAmazonEcr ? Math.Clamp(options.ChunkSize, 5 * RegistryClientOptions.MiB, 10 * RegistryClientOptions.MiB) : options.ChunkSize;
        _blobs = new RegistryBlobs(_connection);
        _manifests = new RegistryManifests(_connection);
        _uploads = new RegistryUploads(_connection, ChunkSize);
    }

    /// <summary>The registry host with optional port, as given in the options (e.g. <c>127.0.0.1:5000</c>): the first part of image references on it.</summary>
    public string Registry => _connection.Registry;

    /// <summary>The base URI, <c>http(s)://host[:port]/</c>.</summary>
    public Uri BaseUri => _connection.BaseUri;

    /// <summary>Whether the host is an Amazon ECR private registry (chunk sizes are then kept within 5–10 MiB).</summary>
    public bool IsAmazonEcr => _connection.IsAmazonEcr;

    /// <summary>The chunk size chunked uploads use: the configured one, kept within 5–10 MiB for Amazon ECR.</summary>
    public int ChunkSize { get; }

    /// <summary>Checks that the registry answers <c>GET /v2/</c> with the configured credentials.</summary>
    /// <exception cref="RegistryAuthenticationException">The credentials are missing or refused.</exception>
    public Task CheckAsync(CancellationToken cancellationToken = default) =>
        _connection.ExecuteAsync(async ct =>
        {
            using var response = await _connection.SendAsync(null, () => new HttpRequestMessage(HttpMethod.Get, "v2/"), ct).ConfigureAwait(false);
            await _connection.EnsureSuccessAsync(response, "GET /v2/", ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Whether the repository has the blob (<c>HEAD /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>).</summary>
    public Task<bool> BlobExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        _blobs.ExistsAsync(repository, digest, cancellationToken);

    /// <summary>
    /// Tries to mount a blob from another repository of this registry. Returns true when the registry mounted it (201);
    /// false when it fell back to an upload session (202), which is then cancelled.
    /// </summary>
    public async Task<bool> TryMountBlobAsync(string repository, Digest digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        var (mounted, location) = await _uploads.StartAsync(repository, digest, fromRepository, cancellationToken).ConfigureAwait(false);
        if (!mounted && location is not null)
        {
            await _uploads.CancelAsync(repository, location, cancellationToken).ConfigureAwait(false);
        }

        return mounted;
    }

    /// <summary>
    /// Pushes one blob: HEAD first (an existing blob is never uploaded again), then a mount attempt when the source is
    /// another repository of this registry, then a monolithic or chunked upload.
    /// </summary>
    /// <param name="repository">The repository to push into.</param>
    /// <param name="blob">The blob and where its bytes come from.</param>
    /// <param name="sourceClients">Clients for other registries that hold source blobs; needed only for cross-registry copies.</param>
    /// <param name="cancellationToken">Cancels the push.</param>
    public async Task<BlobPushResult> PushBlobAsync(string repository, BlobSource blob, Func<string, RegistryClient>? sourceClients = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var descriptor = blob.Descriptor;
        if (await _blobs.ExistsAsync(repository, descriptor.Digest, cancellationToken).ConfigureAwait(false))
        {
            return new BlobPushResult(descriptor, BlobPushOutcome.AlreadyExists, 0);
        }

        string? mountFrom = blob.SourceRepository is not null && _connection.IsSameRegistry(blob.SourceRegistry) && blob.SourceRepository != repository
            ? blob.SourceRepository
            : null;
        return await _connection.ExecuteAsync(async ct =>
        {
            var (mounted, location) = await _uploads.StartAsync(repository, descriptor.Digest, mountFrom, ct).ConfigureAwait(false);
            if (mounted)
            {
                return new BlobPushResult(descriptor, BlobPushOutcome.Mounted, 0);
            }

            await using var content = await OpenContentAsync(blob, sourceClients, ct).ConfigureAwait(false);
            var sent = await _uploads.UploadAsync(repository, location!, descriptor, content, _options.MonolithicUploadThreshold, ct).ConfigureAwait(false);
            return new BlobPushResult(descriptor, BlobPushOutcome.Uploaded, sent);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes an image: every blob (bounded parallelism, HEAD/mount/upload each), then the manifest last.
    /// The manifest is not sent again when the tag already points at the same digest, and a same-digest push to an
    /// immutable tag counts as success.
    /// </summary>
    /// <exception cref="RegistryTagImmutableException">The tag is immutable and points at another digest.</exception>
    public async Task<PushResult> PushImageAsync(ImagePushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var unique = request.Blobs.GroupBy(b => b.Descriptor.Digest).Select(g => g.First()).ToList();
        var results = new BlobPushResult[unique.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, unique.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelUploads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var result = await PushBlobAsync(request.Repository, unique[i], request.SourceClients, ct).ConfigureAwait(false);
                results[i] = result;
                request.Progress?.Report(result.Outcome switch
                {
                    BlobPushOutcome.AlreadyExists => $"{result.Descriptor.Digest}: already exists",
                    BlobPushOutcome.Mounted => $"{result.Descriptor.Digest}: mounted from {unique[i].SourceRepository}",
                    _ => $"{result.Descriptor.Digest}: pushed {result.BytesUploaded} bytes",
                });
            }).ConfigureAwait(false);

        var reference = request.Tag ?? request.Manifest.Digest.ToString();
        var manifestUploaded = false;
        if (request.Tag is null || await _manifests.HeadAsync(request.Repository, request.Tag, cancellationToken).ConfigureAwait(false) is not { } existing
            || existing.Digest != request.Manifest.Digest)
        {
            manifestUploaded = await _manifests.PutAsync(request.Repository, reference, request.Manifest, cancellationToken).ConfigureAwait(false);
        }

        request.Progress?.Report($"{Registry}/{request.Repository}{(request.Tag is null ? string.Empty : ":" + request.Tag)}: digest {request.Manifest.Digest}{(manifestUploaded ? string.Empty : " (manifest unchanged)")}");
        return new PushResult { ManifestDigest = request.Manifest.Digest, Blobs = results, ManifestUploaded = manifestUploaded };
    }

    /// <summary>Puts a manifest under a tag or its digest and returns its digest. Same-digest re-push to an immutable tag succeeds.</summary>
    /// <exception cref="RegistryTagImmutableException">The tag is immutable and points at another digest.</exception>
    public async Task<Digest> PutManifestAsync(string repository, string reference, ManifestContent manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        await _manifests.PutAsync(repository, reference, manifest, cancellationToken).ConfigureAwait(false);
        return manifest.Digest;
    }

    /// <summary>Fetches a manifest or index by tag or digest, with every supported type accepted; null when absent.</summary>
    /// <exception cref="DigestMismatchException">The bytes do not match the requested or announced digest.</exception>
    public Task<ManifestContent?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) =>
        _manifests.GetAsync(repository, reference, cancellationToken);

    /// <summary>HEADs a manifest by tag or digest; returns its descriptor (from the response headers) or null when absent.</summary>
    public Task<Descriptor?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) =>
        _manifests.HeadAsync(repository, reference, cancellationToken);

    /// <summary>Deletes a manifest by digest; false when it did not exist.</summary>
    public Task<bool> DeleteManifestAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        _manifests.DeleteAsync(repository, digest, cancellationToken);

    /// <summary>Lists every tag of a repository (following <c>Link</c> pagination, pages of 1000 as ECR allows); empty when the repository is unknown.</summary>
    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default) =>
        _manifests.ListTagsAsync(repository, cancellationToken);

    /// <summary>Opens a blob's bytes as a stream (not verified; see <see cref="PullBlobAsync"/>).</summary>
    public Task<Stream> OpenBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        _blobs.OpenAsync(repository, digest, cancellationToken);

    /// <summary>Downloads a blob into the store (skipped when already present), verifying digest and size; returns its path.</summary>
    /// <exception cref="DigestMismatchException">The downloaded bytes do not match the descriptor.</exception>
    public Task<string> PullBlobAsync(string repository, Descriptor descriptor, ContentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(store);
        return _blobs.PullAsync(repository, descriptor, store, cancellationToken);
    }

    /// <summary>
    /// Pulls an image's manifest and config (not its layers), resolving an index to the given platform
    /// (default linux/amd64).
    /// </summary>
    /// <exception cref="RegistryException">The image or a platform match is missing.</exception>
    public async Task<PulledImage> PullImageAsync(string repository, string reference, Platform? platform = null, CancellationToken cancellationToken = default)
    {
        platform ??= Platform.LinuxAmd64;
        var content = await _manifests.GetAsync(repository, reference, cancellationToken).ConfigureAwait(false)
            ?? throw new RegistryException($"manifest unknown: {Registry}/{repository}:{reference} was not found.", HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        if (content.IsIndex)
        {
            var index = content.AsIndex();
            var match = index.Manifests.FirstOrDefault(m => platform.Matches(m.Platform))
                ?? throw new RegistryException($"{Registry}/{repository}:{reference} has no image for platform {platform} (it has {string.Join(", ", index.Manifests.Select(m => m.Platform?.ToString() ?? "?"))}).");
            content = await _manifests.GetAsync(repository, match.Digest.ToString(), cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryException($"manifest unknown: {repository}@{match.Digest}", HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }

        var manifest = content.AsManifest();
        var configBytes = await _blobs.ReadVerifiedAsync(repository, manifest.Config, cancellationToken).ConfigureAwait(false);
        return new PulledImage
        {
            Registry = Registry,
            Repository = repository,
            ManifestContent = content,
            Manifest = manifest,
            ConfigBytes = configBytes,
            Config = OciJson.Deserialize<ImageConfig>(configBytes),
        };
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"RegistryClient {{ {BaseUri} }}";

    private async Task<Stream> OpenContentAsync(BlobSource blob, Func<string, RegistryClient>? sourceClients, CancellationToken cancellationToken)
    {
        if (blob.FilePath is not null)
        {
            return new FileStream(blob.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }

        if (blob.OpenAsync is not null)
        {
            return await blob.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        if (blob.SourceRegistry is not null && blob.SourceRepository is not null)
        {
            var source = _connection.IsSameRegistry(blob.SourceRegistry) ? this
                : sourceClients?.Invoke(blob.SourceRegistry)
                ?? throw new InvalidOperationException($"Blob {blob.Descriptor.Digest} lives on {blob.SourceRegistry}, but no client for that registry was given.");
            return await source.OpenBlobAsync(blob.SourceRepository, blob.Descriptor.Digest, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Blob {blob.Descriptor.Digest} has no content source (file, stream or source repository).");
    }
}

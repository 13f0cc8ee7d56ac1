using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrAutomation.Images.Oci;
using Polly;
using Polly.Retry;

namespace EcrAutomation.Images.Registry;

/// <summary>
/// A client for one registry speaking the
/// <see href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI distribution protocol</see>:
/// Basic and Bearer auth, HEAD-before-upload, cross-repository mount, monolithic and chunked uploads (with Amazon ECR's
/// part-size rules), bounded parallel pushes, retries of transient failures, and digest-verified pulls.
/// Thread-safe; create one per registry and reuse it.
/// </summary>
public sealed partial class RegistryClient : IDisposable
{
    private const string OctetStream = "application/octet-stream";
    private readonly RegistryClientOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retry;
    private readonly ConcurrentDictionary<string, string> _bearerTokens = new(StringComparer.Ordinal);
    private readonly int _chunkSize;
    private volatile AuthScheme _scheme = AuthScheme.Unknown;
    private volatile BearerChallenge? _bearer;

    /// <summary>Creates a client. <paramref name="handler"/> lets tests and hosts supply the HTTP stack.</summary>
    public RegistryClient(RegistryClientOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Registry);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelUploads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ChunkSize, 1);
        _options = options;
        Registry = options.Registry;
        var https = options.UseHttps ?? !IsLoopback(Registry);
        BaseUri = new Uri($"{(https ? "https" : "http")}://{Registry}/");
        IsAmazonEcr = EcrHostPattern().IsMatch(HostOf(Registry));
        _chunkSize = IsAmazonEcr ? Math.Clamp(options.ChunkSize, 5 * RegistryClientOptions.MiB, 10 * RegistryClientOptions.MiB) : options.ChunkSize;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(options.MaxParallelUploads * 2, 8),
        })
        {
            Timeout = options.RequestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("EcrAutomation", "1.0"));
        _retry = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 0) is 0 ? 1 : options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
            })
            .Build();
    }

    private enum AuthScheme
    {
        Unknown,
        None,
        Basic,
        Bearer,
    }

    /// <summary>The registry host and port.</summary>
    public string Registry { get; }

    /// <summary>The base URI, <c>http(s)://host[:port]/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Whether the host is an Amazon ECR private registry (chunk sizes are then kept within 5–10 MiB).</summary>
    public bool IsAmazonEcr { get; }

    /// <summary>The chunk size in force for chunked uploads.</summary>
    public int ChunkSize => _chunkSize;

    /// <summary>Checks that the registry answers <c>GET /v2/</c> with the configured credentials.</summary>
    /// <exception cref="RegistryAuthenticationException">The credentials are missing or refused.</exception>
    public Task CheckAsync(CancellationToken cancellationToken = default) =>
        ExecuteAsync(async ct =>
        {
            using var response = await SendAsync(null, () => new HttpRequestMessage(HttpMethod.Get, "v2/"), ct).ConfigureAwait(false);
            await EnsureSuccessAsync(response, "GET /v2/", ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Whether the repository has the blob (<c>HEAD /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>).</summary>
    public Task<bool> BlobExistsAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async ct =>
        {
            using var response = await SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Head, BlobPath(repository, digest)), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            await EnsureSuccessAsync(response, $"HEAD blob {digest}", ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Tries to mount a blob from another repository of this registry. Returns true when the registry mounted it (201);
    /// false when it fell back to an upload session (202), which is then cancelled.
    /// </summary>
    public async Task<bool> TryMountBlobAsync(string repository, Digest digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        var (mounted, location) = await StartUploadAsync(repository, digest, fromRepository, cancellationToken).ConfigureAwait(false);
        if (!mounted && location is not null)
        {
            await CancelUploadAsync(repository, location, cancellationToken).ConfigureAwait(false);
        }

        return mounted;
    }

    /// <summary>
    /// Pushes one blob: HEAD first (an existing blob is never uploaded again), then a mount attempt when the source is
    /// another repository of this registry, then a monolithic or chunked upload.
    /// </summary>
    public async Task<BlobPushResult> PushBlobAsync(string repository, BlobSource blob, Func<string, RegistryClient>? sourceClients = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var descriptor = blob.Descriptor;
        if (await BlobExistsAsync(repository, descriptor.Digest, cancellationToken).ConfigureAwait(false))
        {
            return new BlobPushResult(descriptor, BlobPushOutcome.AlreadyExists, 0);
        }

        string? mountFrom = blob.SourceRepository is not null && SameRegistry(blob.SourceRegistry) && blob.SourceRepository != repository
            ? blob.SourceRepository
            : null;
        return await ExecuteAsync(async ct =>
        {
            var (mounted, location) = await StartUploadAsync(repository, descriptor.Digest, mountFrom, ct).ConfigureAwait(false);
            if (mounted)
            {
                return new BlobPushResult(descriptor, BlobPushOutcome.Mounted, 0);
            }

            await using var content = await OpenContentAsync(blob, sourceClients, ct).ConfigureAwait(false);
            var sent = descriptor.Size <= _options.MonolithicUploadThreshold
                ? await UploadMonolithicAsync(repository, location!, descriptor, content, ct).ConfigureAwait(false)
                : await UploadChunkedAsync(repository, location!, descriptor, content, ct).ConfigureAwait(false);
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
        if (request.Tag is null || await HeadManifestAsync(request.Repository, request.Tag, cancellationToken).ConfigureAwait(false) is not { } existing
            || existing.Digest != request.Manifest.Digest)
        {
            manifestUploaded = await PutManifestCoreAsync(request.Repository, reference, request.Manifest, cancellationToken).ConfigureAwait(false);
        }

        request.Progress?.Report($"{Registry}/{request.Repository}{(request.Tag is null ? string.Empty : ":" + request.Tag)}: digest {request.Manifest.Digest}{(manifestUploaded ? string.Empty : " (manifest unchanged)")}");
        return new PushResult { ManifestDigest = request.Manifest.Digest, Blobs = results, ManifestUploaded = manifestUploaded };
    }

    /// <summary>Puts a manifest under a tag or its digest and returns its digest. Same-digest re-push to an immutable tag succeeds.</summary>
    /// <exception cref="RegistryTagImmutableException">The tag is immutable and points at another digest.</exception>
    public async Task<Digest> PutManifestAsync(string repository, string reference, ManifestContent manifest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        await PutManifestCoreAsync(repository, reference, manifest, cancellationToken).ConfigureAwait(false);
        return manifest.Digest;
    }

    /// <summary>Fetches a manifest or index by tag or digest, with every supported type accepted; null when absent.</summary>
    /// <exception cref="DigestMismatchException">The bytes do not match the requested or announced digest.</exception>
    public Task<ManifestContent?> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async ct =>
        {
            using var response = await SendAsync(repository, () => ManifestRequest(HttpMethod.Get, repository, reference), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await EnsureSuccessAsync(response, $"GET manifest {repository}:{reference}", ct).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            var content = new ManifestContent(bytes, response.Content.Headers.ContentType?.MediaType);
            Digest? expected = Digest.TryParse(reference, out var byDigest) ? byDigest
                : Digest.TryParse(HeaderValue(response, "Docker-Content-Digest"), out var announced) && announced.Algorithm == Digest.Sha256 ? announced
                : null;
            if (expected is { } e && e.Algorithm == Digest.Sha256 && e != content.Digest)
            {
                throw new DigestMismatchException(e, content.Digest, null, bytes.Length);
            }

            return (ManifestContent?)content;
        }, cancellationToken);

    /// <summary>HEADs a manifest by tag or digest; returns its descriptor (from the response headers) or null when absent.</summary>
    public Task<Descriptor?> HeadManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async ct =>
        {
            using var response = await SendAsync(repository, () => ManifestRequest(HttpMethod.Head, repository, reference), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await EnsureSuccessAsync(response, $"HEAD manifest {repository}:{reference}", ct).ConfigureAwait(false);
            if (!Digest.TryParse(HeaderValue(response, "Docker-Content-Digest"), out var digest))
            {
                // A registry that omits the header: fall back to fetching the bytes.
                var content = await GetManifestAsync(repository, reference, ct).ConfigureAwait(false);
                return content?.ToDescriptor();
            }

            return (Descriptor?)new Descriptor
            {
                MediaType = response.Content.Headers.ContentType?.MediaType ?? MediaTypes.OciManifest,
                Digest = digest,
                Size = response.Content.Headers.ContentLength ?? 0,
            };
        }, cancellationToken);

    /// <summary>Deletes a manifest by digest; false when it did not exist.</summary>
    public Task<bool> DeleteManifestAsync(string repository, Digest digest, CancellationToken cancellationToken = default) =>
        ExecuteAsync(async ct =>
        {
            using var response = await SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Delete, ManifestPath(repository, digest.ToString())), ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            await EnsureSuccessAsync(response, $"DELETE manifest {repository}@{digest}", ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Lists every tag of a repository (following <c>Link</c> pagination, pages of 1000 as ECR allows); empty when the repository is unknown.</summary>
    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default) =>
        ExecuteAsync<IReadOnlyList<string>>(async ct =>
        {
            var tags = new List<string>();
            string? next = $"v2/{ValidateRepository(repository)}/tags/list?n=1000";
            while (next is not null)
            {
                var url = next;
                using var response = await SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Get, url), ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return tags;
                }

                await EnsureSuccessAsync(response, $"GET tags {repository}", ct).ConfigureAwait(false);
                using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
                if (document.RootElement.TryGetProperty("tags", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    tags.AddRange(array.EnumerateArray().Select(t => t.GetString()!).Where(t => t is not null));
                }

                next = NextLink(response);
            }

            return tags;
        }, cancellationToken);

    /// <summary>Opens a blob's bytes as a stream (not verified; see <see cref="PullBlobAsync"/>).</summary>
    public async Task<Stream> OpenBlobAsync(string repository, Digest digest, CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Get, BlobPath(repository, digest)), cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, $"GET blob {digest}", cancellationToken).ConfigureAwait(false);
            return new ResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Downloads a blob into the store (skipped when already present), verifying digest and size; returns its path.</summary>
    /// <exception cref="DigestMismatchException">The downloaded bytes do not match the descriptor.</exception>
    public Task<string> PullBlobAsync(string repository, Descriptor descriptor, ContentStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(store);
        if (store.Contains(descriptor.Digest))
        {
            return Task.FromResult(store.GetBlobPath(descriptor.Digest));
        }

        return ExecuteAsync(async ct =>
        {
            await using var stream = await OpenBlobAsync(repository, descriptor.Digest, ct).ConfigureAwait(false);
            return await store.WriteBlobAsync(stream, descriptor.Digest, descriptor.Size, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Pulls an image's manifest and config (not its layers), resolving an index to the given platform
    /// (default linux/amd64).
    /// </summary>
    /// <exception cref="RegistryException">The image or a platform match is missing.</exception>
    public async Task<PulledImage> PullImageAsync(string repository, string reference, Platform? platform = null, CancellationToken cancellationToken = default)
    {
        platform ??= Platform.LinuxAmd64;
        var content = await GetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false)
            ?? throw new RegistryException($"manifest unknown: {Registry}/{repository}:{reference} was not found.", HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        if (content.IsIndex)
        {
            var index = content.AsIndex();
            var match = index.Manifests.FirstOrDefault(m => platform.Matches(m.Platform))
                ?? throw new RegistryException($"{Registry}/{repository}:{reference} has no image for platform {platform} (it has {string.Join(", ", index.Manifests.Select(m => m.Platform?.ToString() ?? "?"))}).");
            content = await GetManifestAsync(repository, match.Digest.ToString(), cancellationToken).ConfigureAwait(false)
                ?? throw new RegistryException($"manifest unknown: {repository}@{match.Digest}", HttpStatusCode.NotFound, "MANIFEST_UNKNOWN");
        }

        var manifest = content.AsManifest();
        var configBytes = await ExecuteAsync(async ct =>
        {
            await using var stream = await OpenBlobAsync(repository, manifest.Config.Digest, ct).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            var bytes = buffer.ToArray();
            var actual = Digest.Compute(bytes);
            return actual != manifest.Config.Digest ? throw new DigestMismatchException(manifest.Config.Digest, actual, manifest.Config.Size, bytes.Length) : bytes;
        }, cancellationToken).ConfigureAwait(false);
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
    public void Dispose() => _http.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"RegistryClient {{ {BaseUri} }}";

    internal static bool IsLoopback(string registry)
    {
        var host = HostOf(registry);
        return host is "localhost" or "127.0.0.1" or "::1" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);
    }

    private static string HostOf(string registry)
    {
        if (registry.StartsWith('['))
        {
            var end = registry.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? registry[..(end + 1)] : registry;
        }

        var colon = registry.LastIndexOf(':');
        return (colon >= 0 ? registry[..colon] : registry).ToLowerInvariant();
    }

    private bool SameRegistry(string? other) => other is not null && string.Equals(other, Registry, StringComparison.OrdinalIgnoreCase);

    private static string ValidateRepository(string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        return RepositoryPattern().IsMatch(repository)
            ? repository
            : throw new ArgumentException($"'{repository}' is not a valid repository name.", nameof(repository));
    }

    private static string BlobPath(string repository, Digest digest) => $"v2/{ValidateRepository(repository)}/blobs/{digest}";

    private static string ManifestPath(string repository, string reference) => $"v2/{ValidateRepository(repository)}/manifests/{reference}";

    private static HttpRequestMessage ManifestRequest(HttpMethod method, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, ManifestPath(repository, reference));
        foreach (var type in MediaTypes.AllManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        return request;
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.FirstOrDefault()
        : null;

    private static string? NextLink(HttpResponseMessage response)
    {
        var link = HeaderValue(response, "Link");
        if (link is null)
        {
            return null;
        }

        var match = LinkPattern().Match(link);
        return match.Success ? match.Groups[1].Value.TrimStart('/') : null;
    }

    private async Task<(bool Mounted, Uri? Location)> StartUploadAsync(string repository, Digest digest, string? mountFrom, CancellationToken cancellationToken)
    {
        var path = $"v2/{ValidateRepository(repository)}/blobs/uploads/";
        if (mountFrom is not null)
        {
            path += $"?mount={Uri.EscapeDataString(digest.ToString())}&from={Uri.EscapeDataString(mountFrom)}";
        }

        using var response = await SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Post, path), cancellationToken, mountScope: mountFrom).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return (true, null);
        }

        await EnsureSuccessAsync(response, $"POST upload {repository}", cancellationToken).ConfigureAwait(false);
        return (false, LocationOf(response));
    }

    private async Task CancelUploadAsync(string repository, Uri location, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Delete, location), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // Abandoned sessions expire on the registry; nothing to do.
        }
    }

    private async Task<long> UploadMonolithicAsync(string repository, Uri location, Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        var target = WithDigest(location, descriptor.Digest);
        using var response = await SendAsync(repository, () =>
        {
            if (content.CanSeek)
            {
                // A resend after an auth challenge must start from the first byte again.
                content.Position = 0;
            }

            var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StreamContent(new NonDisposingStream(content), 1 << 16) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
            request.Content.Headers.ContentLength = descriptor.Size;
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"PUT blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
        return descriptor.Size;
    }

    private async Task<long> UploadChunkedAsync(string repository, Uri location, Descriptor descriptor, Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[_chunkSize];
        long offset = 0;
        while (true)
        {
            var filled = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (filled == 0)
            {
                break;
            }

            var start = offset;
            var chunkLocation = location;
            using var response = await SendAsync(repository, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Patch, chunkLocation) { Content = new ByteArrayContent(buffer, 0, filled) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
                // Inclusive range without a "bytes=" prefix, as the distribution spec (and Docker's registry) expects.
                request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + filled - 1}");
                return request;
            }, cancellationToken).ConfigureAwait(false);
            // ECR answers 201 where the spec says 202.
            if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.Created or HttpStatusCode.NoContent))
            {
                await EnsureSuccessAsync(response, $"PATCH blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
            }

            location = LocationOf(response) ?? location;
            offset += filled;
        }

        using var done = await SendAsync(repository, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, WithDigest(location, descriptor.Digest)) { Content = new ByteArrayContent([]) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(done, $"PUT blob {descriptor.Digest}", cancellationToken).ConfigureAwait(false);
        return offset;
    }

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
            var source = SameRegistry(blob.SourceRegistry) ? this
                : sourceClients?.Invoke(blob.SourceRegistry)
                ?? throw new InvalidOperationException($"Blob {blob.Descriptor.Digest} lives on {blob.SourceRegistry}, but no client for that registry was given.");
            return await source.OpenBlobAsync(blob.SourceRepository, blob.Descriptor.Digest, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"Blob {blob.Descriptor.Digest} has no content source (file, stream or source repository).");
    }

    private async Task<bool> PutManifestCoreAsync(string repository, string reference, ManifestContent manifest, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(async ct =>
            {
                using var response = await SendAsync(repository, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, ManifestPath(repository, reference)) { Content = new ReadOnlyMemoryContent(manifest.Bytes) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
                    return request;
                }, ct).ConfigureAwait(false);
                await EnsureSuccessAsync(response, $"PUT manifest {repository}:{reference}", ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RegistryException ex) when (ex is not RegistryAuthenticationException
            && (ex.ErrorCode == "TAG_INVALID" || ex.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)))
        {
            // An immutable tag: re-pushing the digest it already has is success, anything else is a real conflict.
            var existing = await HeadManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
            if (existing?.Digest == manifest.Digest)
            {
                return false;
            }

            throw new RegistryTagImmutableException(
                $"The tag '{reference}' of '{repository}' is immutable and points at {existing?.Digest.ToString() ?? "another image"}, not {manifest.Digest}. {ex.Message}",
                ex.StatusCode,
                ex.ErrorCode);
        }
    }

    private Task ExecuteAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).AsTask();

    private Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await operation(ct).ConfigureAwait(false), cancellationToken).AsTask();

    private static bool IsTransient(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        RegistryTransientException => true,
        HttpRequestException => true,
        IOException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Sends with auth; on 401 answers the challenge once and resends a fresh request from the factory.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        string? repository,
        Func<HttpRequestMessage> createRequest,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        string? mountScope = null)
    {
        if (_scheme == AuthScheme.Unknown && _options.Credentials is not null)
        {
            // Learn the scheme once so that request bodies are not sent twice.
            await DiscoverAuthAsync(cancellationToken).ConfigureAwait(false);
        }

        var scope = ScopeFor(repository, mountScope);
        if (_scheme == AuthScheme.Bearer && _bearer is { } known && !_bearerTokens.ContainsKey(scope))
        {
            // Fetch the token before sending, so a request body is never sent into a 401.
            _bearerTokens[scope] = await FetchTokenAsync(known, scope, cancellationToken).ConfigureAwait(false);
        }

        var response = await SendOnceAsync(createRequest, scope, completion, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        await AnswerChallengeAsync(challenge, scope, cancellationToken).ConfigureAwait(false);
        response = await SendOnceAsync(createRequest, scope, completion, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new RegistryAuthenticationException(
                $"The registry {Registry} refused the {(_options.Credentials is null ? "anonymous request" : $"credentials of user '{_options.Credentials.Username}'")} (401 {error.Code}: {error.Message}).",
                HttpStatusCode.Unauthorized,
                error.Code);
        }

        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> createRequest, string scope, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = createRequest();
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = new Uri(BaseUri, relative);
        }

        switch (_scheme)
        {
            case AuthScheme.Basic when _options.Credentials is { } credentials:
                request.Headers.Authorization = BasicHeader(credentials);
                break;
            case AuthScheme.Bearer when _bearerTokens.TryGetValue(scope, out var token):
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                break;
        }

        return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private async Task DiscoverAuthAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "v2/"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            _scheme = AuthScheme.None;
            return;
        }

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        if (string.Equals(challenge?.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            _scheme = AuthScheme.Basic;
        }
        else if (string.Equals(challenge?.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            _bearer = BearerChallenge.Parse(challenge!.Parameter);
            _scheme = AuthScheme.Bearer;
        }
    }

    private async Task AnswerChallengeAsync(AuthenticationHeaderValue? challenge, string scope, CancellationToken cancellationToken)
    {
        if (string.Equals(challenge?.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (_options.Credentials is null)
            {
                throw new RegistryAuthenticationException($"The registry {Registry} requires credentials (Basic auth) and none were given.");
            }

            _scheme = AuthScheme.Basic;
            return;
        }

        if (string.Equals(challenge?.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var parsed = BearerChallenge.Parse(challenge!.Parameter);
            _bearer = parsed;
            _scheme = AuthScheme.Bearer;
            _bearerTokens[scope] = await FetchTokenAsync(parsed, parsed.Scope ?? scope, cancellationToken).ConfigureAwait(false);
            return;
        }

        throw new RegistryAuthenticationException($"The registry {Registry} answered 401 with an unsupported challenge '{challenge?.Scheme ?? "(none)"}'.");
    }

    private string ScopeFor(string? repository, string? mountFrom)
    {
        if (repository is null)
        {
            return string.Empty;
        }

        var scope = $"repository:{repository}:pull,push";
        return mountFrom is null ? scope : $"{scope} repository:{mountFrom}:pull";
    }

    private async Task<string> FetchTokenAsync(BearerChallenge challenge, string scope, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        if (challenge.Service is not null)
        {
            query.Append("service=").Append(Uri.EscapeDataString(challenge.Service));
        }

        foreach (var part in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            query.Append(query.Length > 0 ? "&" : string.Empty).Append("scope=").Append(Uri.EscapeDataString(part));
        }

        var realm = new UriBuilder(challenge.Realm) { Query = query.ToString() }.Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, realm);
        if (_options.Credentials is { } credentials)
        {
            request.Headers.Authorization = BasicHeader(credentials);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RegistryAuthenticationException($"The token service of {Registry} refused the credentials ({(int)response.StatusCode}).", response.StatusCode);
        }

        await EnsureSuccessAsync(response, "GET token", cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        var root = document.RootElement;
        var token = root.TryGetProperty("token", out var t) ? t.GetString()
            : root.TryGetProperty("access_token", out var a) ? a.GetString()
            : null;
        return token ?? throw new RegistryAuthenticationException($"The token service of {Registry} returned no token.");
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryCredentials credentials) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));

    private Uri? LocationOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        return location is null ? null : location.IsAbsoluteUri ? location : new Uri(BaseUri, location);
    }

    private static Uri WithDigest(Uri location, Digest digest)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        return new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest.ToString()));
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var message = $"{operation} on {Registry} failed: {(int)status} {error.Code}: {error.Message}".TrimEnd(' ', ':');
        throw status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RegistryAuthenticationException(message, status, error.Code),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError
                when status != HttpStatusCode.NotImplemented => new RegistryTransientException(message, status, error.Code),
            _ => new RegistryException(message, status, error.Code),
        };
    }

    private static async Task<(string? Code, string? Message)> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(body))
            {
                return (null, response.ReasonPhrase);
            }

            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                return (first.TryGetProperty("code", out var c) ? c.GetString() : null, first.TryGetProperty("message", out var m) ? m.GetString() : null);
            }

            return (null, body.Length > 300 ? body[..300] : body);
        }
        catch (JsonException)
        {
            return (null, response.ReasonPhrase);
        }
    }

    [GeneratedRegex(@"^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.(amazonaws\.com|amazonaws\.com\.cn|on\.aws)$")]
    private static partial Regex EcrHostPattern();

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"?next\"?")]
    private static partial Regex LinkPattern();

    private sealed record BearerChallenge(string Realm, string? Service, string? Scope)
    {
        public static BearerChallenge Parse(string? parameter)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match match in ChallengeParameter().Matches(parameter ?? string.Empty))
            {
                values[match.Groups[1].Value] = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
            }

            return values.TryGetValue("realm", out var realm)
                ? new BearerChallenge(realm, values.GetValueOrDefault("service"), values.GetValueOrDefault("scope"))
                : throw new RegistryAuthenticationException("The registry sent a Bearer challenge without a realm.");
        }
    }

    [GeneratedRegex("([a-zA-Z_]+)=(?:\"([^\"]*)\"|([^,\\s]*))")]
    private static partial Regex ChallengeParameter();

    /// <summary>Keeps the response alive as long as its body stream is read.</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Lets HttpClient dispose its content without closing the caller's stream.</summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrAutomation.LocalCloud.Ecr;

namespace EcrAutomation.LocalCloud.Storage;

/// <summary>
/// The single source of truth for repositories, images and tags, shared by the ECR API and the /v2 registry.
/// Repository metadata is kept in memory and persisted as <c>repositories/&lt;url-escaped name&gt;.json</c>,
/// written atomically after every change. All metadata changes are serialised by one lock.
/// </summary>
internal sealed partial class RegistryState
{
    public const int MaxManifestSize = 4 * 1024 * 1024;

    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly TimeSpan PendingBlobGrace = TimeSpan.FromHours(1);

    private readonly string _repositoryRoot;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, RepositoryRecord> _repositories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pendingBlobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Repository, string Digest), DateTimeOffset> _links = new();

    public RegistryState(string dataDirectory, string accountId, string region, TimeProvider timeProvider)
    {
        AccountId = accountId;
        Region = region;
        Time = timeProvider;
        Blobs = new BlobStore(dataDirectory);
        _repositoryRoot = Path.Combine(dataDirectory, "repositories");
        Directory.CreateDirectory(_repositoryRoot);
        foreach (var temp in Directory.EnumerateFiles(_repositoryRoot, ".*.tmp-*"))
        {
            AtomicFile.TryDelete(temp);
        }

        foreach (var file in Directory.EnumerateFiles(_repositoryRoot, "*.json"))
        {
            var record = JsonSerializer.Deserialize<RepositoryRecord>(File.ReadAllBytes(file), JsonOptions);
            if (record is not null)
            {
                _repositories[record.Name] = record;
            }
        }
    }

    public string AccountId { get; }

    public string Region { get; }

    public TimeProvider Time { get; }

    public BlobStore Blobs { get; }

    public static bool IsManifestMediaType(string? mediaType)
        => mediaType is DockerManifest or DockerManifestList or OciManifest or OciIndex;

    /// <summary>Runs <paramref name="action"/> under the metadata lock.</summary>
    public async Task<T> LockedAsync<T>(Func<T> action, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> under the metadata lock; it may persist changes with <see cref="SaveLocked"/>.</summary>
    public async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Repositories in creation order (call under the lock).</summary>
    public IReadOnlyList<RepositoryRecord> RepositoriesLocked()
        => [.. _repositories.Values.OrderBy(r => r.CreatedAt).ThenBy(r => r.Name, StringComparer.Ordinal)];

    public RepositoryRecord? FindLocked(string name) => _repositories.GetValueOrDefault(name);

    public RepositoryRecord GetLocked(string name)
        => _repositories.GetValueOrDefault(name) ?? throw EcrException.RepositoryNotFound(name, AccountId);

    public void AddLocked(RepositoryRecord record) => _repositories[record.Name] = record;

    public async Task SaveLocked(RepositoryRecord record, CancellationToken cancellationToken = default)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions);
        await AtomicFile.WriteAllBytesAsync(FileFor(record.Name), bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Persists a change; when the write fails, puts the pre-change copy back so memory matches the disk.</summary>
    private async Task SaveOrRestoreLocked(RepositoryRecord record, RepositoryRecord snapshot, CancellationToken cancellationToken)
    {
        try
        {
            await SaveLocked(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            AddLocked(snapshot);
            throw;
        }
    }

    public void RemoveLocked(RepositoryRecord record)
    {
        _repositories.Remove(record.Name);
        foreach (var key in _links.Keys.Where(k => k.Repository == record.Name).ToList())
        {
            _links.TryRemove(key, out _);
        }

        File.Delete(FileFor(record.Name));
    }

    /// <summary>Marks a blob as recently uploaded or checked so garbage collection leaves it alone until a manifest references it.</summary>
    public void TouchBlob(string digest) => _pendingBlobs[digest] = Time.GetUtcNow();

    /// <summary>Makes a blob uploaded to (or mounted into) a repository visible there until a manifest references it.</summary>
    public void LinkBlob(string repository, string digest)
    {
        var now = Time.GetUtcNow();
        _pendingBlobs[digest] = now;
        _links[(repository, digest)] = now;
    }

    /// <summary>
    /// Completes an upload into a repository. The blob is linked there only once its content matches
    /// <paramref name="digest"/> (and before it lands in the store, so garbage collection never finds it unreferenced).
    /// </summary>
    public Task<bool> CompleteUploadAsync(string repository, UploadSession session, string digest, CancellationToken cancellationToken = default)
        => Blobs.CompleteUploadAsync(session, digest, () => LinkBlob(repository, digest), cancellationToken);

    /// <summary>
    /// Whether a blob is visible in a repository: stored, and either referenced by one of its images (manifests count)
    /// or recently uploaded/mounted into it. Blobs are stored once but scoped per repository, like ECR and distribution.
    /// </summary>
    public async Task<bool> IsBlobVisibleAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        if (!Blobs.Exists(digest))
        {
            return false;
        }

        return IsLinked(repository, digest, Time.GetUtcNow())
            || await LockedAsync(() => FindLocked(repository) is { } r && References(r, digest), cancellationToken).ConfigureAwait(false);
    }

    private bool IsLinked(string repository, string digest, DateTimeOffset now)
        => _links.TryGetValue((repository, digest), out var at) && now - at <= PendingBlobGrace;

    private static bool References(RepositoryRecord repository, string digest)
        => repository.Images.ContainsKey(digest) || repository.Images.Values.Any(i => i.BlobDigests.Contains(digest, StringComparer.Ordinal));

    /// <summary>Whether the tag may not be overwritten in this repository.</summary>
    public static bool IsTagImmutable(RepositoryRecord repository, string tag)
    {
        var matches = repository.ImageTagMutabilityExclusionFilters.Any(f => WildcardMatch(f.Filter, tag));
        return repository.ImageTagMutability switch
        {
            "IMMUTABLE" => true,
            "IMMUTABLE_WITH_EXCLUSION" => !matches,
            "MUTABLE_WITH_EXCLUSION" => matches,
            _ => false,
        };
    }

    private static bool WildcardMatch(string pattern, string value)
        => Regex.IsMatch(value, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);

    /// <summary>The outcome of storing a manifest.</summary>
    public sealed record PutManifestResult(ImageRecord Image, string Digest, bool Created);

    /// <summary>
    /// Validates and stores a manifest and applies ECR's tag semantics. With <paramref name="apiSemantics"/> (PutImage)
    /// re-putting an unchanged manifest/tag is <c>ImageAlreadyExistsException</c>; for registry pushes it is a no-op.
    /// </summary>
    public async Task<PutManifestResult> PutManifestAsync(
        string repositoryName,
        byte[] manifest,
        string? mediaTypeHint,
        string? tag,
        string? expectedDigest,
        bool apiSemantics,
        CancellationToken cancellationToken = default)
    {
        if (manifest.Length > MaxManifestSize)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'ImageManifest' failed to satisfy constraint: 'Member must have length less than or equal to 4194304'");
        }

        var parsed = ParseManifest(manifest, mediaTypeHint);
        var digest = Digests.Sha256(manifest);
        if (expectedDigest is not null && !string.Equals(expectedDigest, digest, StringComparison.Ordinal))
        {
            throw new EcrException(
                "ImageDigestDoesNotMatchException",
                $"Invalid parameter at 'imageDigest' failed to satisfy constraint: 'The provided image digest '{expectedDigest}' does not match the calculated digest '{digest}''");
        }

        var missing = parsed.Blobs.Where(b => !Blobs.Exists(b)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new EcrException(
                "LayersNotFoundException",
                $"Layers with digests '[{string.Join(", ", missing)}]' required for pushing image into repository with name '{repositoryName}' in registry with id '{AccountId}' do not exist");
        }

        await Blobs.PutAsync(digest, manifest, cancellationToken).ConfigureAwait(false);
        return await LockedAsync(async () =>
        {
            var repository = GetLocked(repositoryName);
            var now = Time.GetUtcNow();
            var unlinked = parsed.Blobs.Where(b => !IsLinked(repositoryName, b, now) && !References(repository, b)).Distinct(StringComparer.Ordinal).ToList();
            if (unlinked.Count > 0)
            {
                throw new EcrException(
                    "LayersNotFoundException",
                    $"Layers with digests '[{string.Join(", ", unlinked)}]' required for pushing image into repository with name '{repositoryName}' in registry with id '{AccountId}' do not exist");
            }

            var missingChildren = parsed.Children.Where(c => !repository.Images.ContainsKey(c)).ToList();
            if (missingChildren.Count > 0)
            {
                throw new EcrException(
                    "ReferencedImagesNotFoundException",
                    $"Images with digests '[{string.Join(", ", missingChildren)}]' referenced by the manifest list do not exist in the repository with name '{repositoryName}' in registry with id '{AccountId}'");
            }

            var snapshot = repository.Clone();
            var existing = repository.Images.GetValueOrDefault(digest);
            if (tag is not null)
            {
                var tagged = repository.FindByTag(tag);
                if (tagged is not null && IsTagImmutable(repository, tag))
                {
                    throw EcrException.ImageTagAlreadyExists(tag, repositoryName);
                }

                if (tagged is not null && ReferenceEquals(tagged, existing))
                {
                    if (apiSemantics)
                    {
                        throw ImageAlreadyExists(digest, tag, repositoryName);
                    }

                    return new PutManifestResult(existing, digest, Created: false);
                }

                tagged?.Tags.Remove(tag);
            }
            else if (existing is not null)
            {
                if (apiSemantics)
                {
                    throw ImageAlreadyExists(digest, null, repositoryName);
                }

                return new PutManifestResult(existing, digest, Created: false);
            }

            var created = existing is null;
            if (existing is null)
            {
                existing = new ImageRecord
                {
                    Digest = digest,
                    MediaType = parsed.MediaType,
                    ArtifactMediaType = parsed.ArtifactMediaType,
                    ManifestSize = manifest.Length,
                    ImageSizeInBytes = parsed.Children.Count > 0
                        ? parsed.Children.Select(c => repository.Images[c].ImageSizeInBytes).DefaultIfEmpty(0).Max()
                        : parsed.LayerSize,
                    PushedAt = Time.GetUtcNow(),
                    BlobDigests = parsed.Blobs,
                    ChildManifests = parsed.Children,
                    SubjectDigest = parsed.Subject,
                    ArtifactType = parsed.ArtifactType,
                    Annotations = parsed.Annotations,
                };
                repository.Images[digest] = existing;
            }

            if (tag is not null)
            {
                existing.Tags.Add(tag);
            }

            await SaveOrRestoreLocked(repository, snapshot, cancellationToken).ConfigureAwait(false);
            foreach (var blob in parsed.Blobs)
            {
                _links.TryRemove((repositoryName, blob), out _);
                if (!_links.Keys.Any(k => k.Digest == blob))
                {
                    // Still protected while another repository's push holds it uploaded but unreferenced.
                    _pendingBlobs.TryRemove(blob, out _);
                }
            }

            return new PutManifestResult(existing, digest, created);
        }, cancellationToken).ConfigureAwait(false);
    }

    private EcrException ImageAlreadyExists(string digest, string? tag, string repositoryName)
        => new("ImageAlreadyExistsException", $"Image with digest '{digest}' and tag '{tag ?? "null"}' already exists in the repository with name '{repositoryName}' in registry with id '{AccountId}'");

    private sealed record ParsedManifest(string MediaType, string? ArtifactMediaType, List<string> Blobs, List<string> Children, long LayerSize, string? Subject)
    {
        /// <summary>OCI 1.1 artifactType: the manifest's own field, else (image manifests) the config media type.</summary>
        public string? ArtifactType { get; init; }

        public Dictionary<string, string>? Annotations { get; init; }
    }

    private static ParsedManifest ParseManifest(byte[] manifest, string? mediaTypeHint)
    {
        static EcrException Invalid(string why)
            => EcrException.InvalidParameter($"Invalid parameter at 'ImageManifest' failed to satisfy constraint: '{why}'");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(manifest);
        }
        catch (JsonException)
        {
            throw Invalid("Invalid JSON syntax");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("Invalid JSON syntax");
            }

            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 2)
            {
                throw Invalid("Only schema version 2 manifests are supported");
            }

            var declared = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
            if (declared is not null && IsManifestMediaType(mediaTypeHint) && !string.Equals(declared, mediaTypeHint, StringComparison.Ordinal))
            {
                throw EcrException.InvalidParameter($"Invalid parameter at 'imageManifestMediaType' failed to satisfy constraint: 'The media type '{mediaTypeHint}' does not match the manifest media type '{declared}''");
            }

            var subject = root.TryGetProperty("subject", out var subj) && subj.ValueKind == JsonValueKind.Object ? Digest(subj) : null;
            var artifactType = root.TryGetProperty("artifactType", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null;
            var annotations = root.TryGetProperty("annotations", out var ann) && ann.ValueKind == JsonValueKind.Object
                ? ann.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                : null;
            if (root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array)
            {
                var children = manifests.EnumerateArray().Select(Digest).Distinct(StringComparer.Ordinal).ToList();
                var mediaType = declared ?? (IsManifestMediaType(mediaTypeHint) ? mediaTypeHint! : OciIndex);
                return new ParsedManifest(mediaType, null, [], children, 0, subject) { ArtifactType = artifactType, Annotations = annotations };
            }

            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
            {
                var blobs = new List<string> { Digest(config) };
                long size = 0;
                if (root.TryGetProperty("layers", out var layers) && layers.ValueKind == JsonValueKind.Array)
                {
                    foreach (var layer in layers.EnumerateArray())
                    {
                        blobs.Add(Digest(layer));
                        size += layer.TryGetProperty("size", out var s) && s.TryGetInt64(out var n) ? n : 0;
                    }
                }

                var artifact = config.TryGetProperty("mediaType", out var cmt) && cmt.ValueKind == JsonValueKind.String ? cmt.GetString() : null;
                var mediaType = declared ?? (IsManifestMediaType(mediaTypeHint) ? mediaTypeHint! : OciManifest);
                return new ParsedManifest(mediaType, artifact, blobs.Distinct(StringComparer.Ordinal).ToList(), [], size, subject)
                {
                    ArtifactType = artifactType ?? artifact,
                    Annotations = annotations,
                };
            }

            throw Invalid("The manifest has neither a config nor manifests");

            static string Digest(JsonElement descriptor)
            {
                if (descriptor.ValueKind == JsonValueKind.Object
                    && descriptor.TryGetProperty("digest", out var d)
                    && d.ValueKind == JsonValueKind.String
                    && Digests.IsSha256(d.GetString()))
                {
                    return d.GetString()!;
                }

                throw Invalid("Invalid descriptor digest");
            }
        }
    }

    /// <summary>An image id that was deleted, or a failure, as BatchDeleteImage reports them.</summary>
    public sealed record DeleteOutcome(List<(string Digest, string? Tag)> Deleted, List<(string? Digest, string? Tag, string Code, string Reason)> Failures);

    /// <summary>ECR BatchDeleteImage semantics: by tag removes the tag (and the image with its last tag); by digest removes the image.</summary>
    public async Task<DeleteOutcome> DeleteImagesAsync(string repositoryName, IReadOnlyList<(string? Digest, string? Tag)> imageIds, CancellationToken cancellationToken = default)
    {
        var removed = new List<ImageRecord>();
        var outcome = await LockedAsync(async () =>
        {
            var repository = GetLocked(repositoryName);
            var snapshot = repository.Clone();
            var deleted = new List<(string, string?)>();
            var failures = new List<(string?, string?, string, string)>();
            foreach (var (digest, tag) in imageIds)
            {
                if (digest is null && tag is null)
                {
                    failures.Add((null, null, "MissingDigestAndTag", "Invalid request parameters: both tag and digest cannot be null"));
                    continue;
                }

                if (digest is not null && !Digests.IsValid(digest))
                {
                    failures.Add((digest, tag, "InvalidImageDigest", "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"));
                    continue;
                }

                var image = digest is not null ? repository.Images.GetValueOrDefault(digest) : repository.FindByTag(tag!);
                if (image is null || (tag is not null && !image.Tags.Contains(tag, StringComparer.Ordinal)))
                {
                    var code = image is not null && digest is not null ? "ImageTagDoesNotMatchDigest" : "ImageNotFound";
                    var reason = code == "ImageNotFound" ? "Requested image not found" : "Invalid request parameters: given tag does not map to the given digest";
                    failures.Add((digest, tag, code, reason));
                    continue;
                }

                if (tag is not null && image.Tags.Count > 1)
                {
                    image.Tags.Remove(tag);
                    deleted.Add((image.Digest, tag));
                    continue;
                }

                var parents = repository.Images.Values.Where(i => i.ChildManifests.Contains(image.Digest, StringComparer.Ordinal)).Select(i => i.Digest).ToList();
                if (parents.Count > 0)
                {
                    failures.Add((digest, tag, "ImageReferencedByManifestList", $"Requested image referenced by manifest list: [{string.Join(", ", parents)}]"));
                    continue;
                }

                repository.Images.Remove(image.Digest);
                removed.Add(image);
                if (image.Tags.Count == 0)
                {
                    deleted.Add((image.Digest, null));
                }

                deleted.AddRange(image.Tags.Select(t => (image.Digest, (string?)t)));
            }

            if (deleted.Count > 0)
            {
                await SaveOrRestoreLocked(repository, snapshot, cancellationToken).ConfigureAwait(false);
            }

            return new DeleteOutcome(deleted, failures);
        }, cancellationToken).ConfigureAwait(false);

        if (removed.Count > 0)
        {
            await CollectCandidatesAsync(removed.SelectMany(i => i.BlobDigests.Append(i.Digest)), cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>Deletes the given blobs unless an image still references them or an upload is using them.</summary>
    public Task CollectCandidatesAsync(IEnumerable<string> candidates, CancellationToken cancellationToken = default)
        => LockedAsync(() =>
        {
            var referenced = ReferencedBlobsLocked();
            var now = Time.GetUtcNow();
            foreach (var digest in candidates.Distinct(StringComparer.Ordinal))
            {
                if (!referenced.Contains(digest) && !IsPending(digest, now))
                {
                    Blobs.Delete(digest);
                }
            }

            return true;
        }, cancellationToken);

    /// <summary>Mark-and-sweep of every stored blob no image references (blobs written within the last hour are kept).</summary>
    public Task<int> CollectGarbageAsync(CancellationToken cancellationToken = default)
        => LockedAsync(() =>
        {
            var referenced = ReferencedBlobsLocked();
            var now = Time.GetUtcNow();
            var count = 0;
            foreach (var digest in Blobs.Enumerate().ToList())
            {
                if (referenced.Contains(digest) || IsPending(digest, now))
                {
                    continue;
                }

                var written = File.GetLastWriteTimeUtc(Blobs.PathOf(digest));
                if (now - new DateTimeOffset(written, TimeSpan.Zero) > PendingBlobGrace)
                {
                    Blobs.Delete(digest);
                    count++;
                }
            }

            foreach (var (digest, at) in _pendingBlobs)
            {
                if (now - at > PendingBlobGrace)
                {
                    _pendingBlobs.TryRemove(digest, out _);
                }
            }

            Blobs.PruneUploads(TimeSpan.FromHours(24));
            foreach (var (key, at) in _links)
            {
                if (now - at > PendingBlobGrace)
                {
                    _links.TryRemove(key, out _);
                }
            }

            return count;
        }, cancellationToken);

    private bool IsPending(string digest, DateTimeOffset now)
        => _pendingBlobs.TryGetValue(digest, out var at) && now - at <= PendingBlobGrace;

    private HashSet<string> ReferencedBlobsLocked()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var repository in _repositories.Values)
        {
            foreach (var image in repository.Images.Values)
            {
                set.Add(image.Digest);
                set.UnionWith(image.BlobDigests);
            }
        }

        return set;
    }

    /// <summary>The repository's file; names too long for a file name (ECR allows 256 characters) use their sha256.</summary>
    private string FileFor(string name)
    {
        var escaped = Uri.EscapeDataString(name);
        if (escaped.Length > 200)
        {
            escaped = "sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)));
        }

        return Path.Combine(_repositoryRoot, escaped + ".json");
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcrAutomation.Images.Oci;

/// <summary>
/// A local content-addressed blob store laid out as an
/// <see href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">OCI image layout</see>
/// (<c>oci-layout</c>, <c>blobs/sha256/&lt;hex&gt;</c>, <c>index.json</c>), so tools such as skopeo can read it as <c>oci:&lt;dir&gt;:&lt;tag&gt;</c>.
/// Writes go to a temporary file and are moved into place only after the digest is verified.
/// </summary>
public sealed class ContentStore
{
    private readonly string _tempDirectory;
    private readonly SemaphoreSlim _indexLock = new(1, 1);

    /// <summary>Opens or creates a store rooted at <paramref name="root"/>.</summary>
    public ContentStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(Root, "blobs", Digest.Sha256));
        _tempDirectory = Path.Combine(Root, ".tmp");
        Directory.CreateDirectory(_tempDirectory);
        var layoutFile = Path.Combine(Root, "oci-layout");
        if (!File.Exists(layoutFile))
        {
            File.WriteAllText(layoutFile, "{\"imageLayoutVersion\":\"1.0.0\"}");
        }
    }

    /// <summary>The absolute directory of the image layout, the path to give tools as <c>oci:&lt;dir&gt;</c>.</summary>
    public string Root { get; }

    /// <summary>The path a blob has (or would have) in the store.</summary>
    public string GetBlobPath(Digest digest) => Path.Combine(Root, "blobs", digest.Algorithm, digest.Hex);

    /// <summary>Whether the blob is already stored, so that a download or a write can be skipped.</summary>
    public bool Contains(Digest digest) => File.Exists(GetBlobPath(digest));

    /// <summary>A fresh temporary file path inside the store (same file system, so moving it in is atomic).</summary>
    public string CreateTempPath() => Path.Combine(_tempDirectory, Guid.NewGuid().ToString("N"));

    /// <summary>Moves a finished temporary file into place under its digest.</summary>
    public string Commit(string tempPath, Digest digest)
    {
        var target = GetBlobPath(digest);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(tempPath);
        }
        else
        {
            File.Move(tempPath, target, overwrite: true);
        }

        return target;
    }

    /// <summary>Stores bytes and returns their descriptor.</summary>
    public async Task<Descriptor> AddBlobAsync(string mediaType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var digest = Digest.Compute(content.Span);
        var target = GetBlobPath(digest);
        if (!File.Exists(target))
        {
            var temp = CreateTempPath();
            await File.WriteAllBytesAsync(temp, content, cancellationToken).ConfigureAwait(false);
            Commit(temp, digest);
        }

        return new Descriptor { MediaType = mediaType, Digest = digest, Size = content.Length };
    }

    /// <summary>
    /// Copies a stream into the store, verifying that it hashes to <paramref name="expected"/>
    /// (and has <paramref name="expectedSize"/> bytes when given).
    /// </summary>
    /// <exception cref="DigestMismatchException">The content does not match.</exception>
    public async Task<string> WriteBlobAsync(Stream content, Digest expected, long? expectedSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temp = CreateTempPath();
        long length = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    length += read;
                }
            }

            var actual = Digest.FromSha256Hash(hash.GetHashAndReset());
            if (actual != expected || (expectedSize is { } size && size != length))
            {
                throw new DigestMismatchException(expected, actual, expectedSize, length);
            }

            return Commit(temp, expected);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Reads a stored blob into memory; meant for small blobs such as configs and manifests.</summary>
    public Task<byte[]> ReadBlobAsync(Digest digest, CancellationToken cancellationToken = default) =>
        File.ReadAllBytesAsync(GetBlobPath(digest), cancellationToken);

    /// <summary>
    /// Records a manifest in <c>index.json</c> under the given reference name (annotation
    /// <c>org.opencontainers.image.ref.name</c>), replacing an earlier entry with that name.
    /// The manifest bytes are stored as a blob too.
    /// </summary>
    public async Task TagAsync(ManifestContent manifest, string referenceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        await AddBlobAsync(manifest.MediaType, manifest.Bytes, cancellationToken).ConfigureAwait(false);
        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var indexPath = Path.Combine(Root, "index.json");
            var manifests = new JsonArray();
            if (File.Exists(indexPath))
            {
                var existing = JsonNode.Parse(await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false));
                foreach (var entry in existing?["manifests"]?.AsArray() ?? [])
                {
                    if (entry?["annotations"]?["org.opencontainers.image.ref.name"]?.GetValue<string>() != referenceName)
                    {
                        manifests.Add(entry?.DeepClone());
                    }
                }
            }

            manifests.Add(new JsonObject
            {
                ["mediaType"] = manifest.MediaType,
                ["digest"] = manifest.Digest.ToString(),
                ["size"] = manifest.Bytes.Length,
                ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = referenceName },
            });
            var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = MediaTypes.OciIndex, ["manifests"] = manifests };
            var temp = CreateTempPath();
            await File.WriteAllTextAsync(temp, index.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), cancellationToken).ConfigureAwait(false);
            File.Move(temp, indexPath, overwrite: true);
        }
        finally
        {
            _indexLock.Release();
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Workloads;

/// <summary>
/// Unpacks each image once per manifest digest: its manifest, config and layers are copied from the
/// <see cref="IContainerImageStore"/> into an OCI image layout (Docker media types rewritten to their OCI equivalents,
/// which umoci requires), and <c>umoci raw unpack</c> applies the layers (whiteouts, hard links, ownership) into
/// <c>images/&lt;digest&gt;/rootfs</c>. The result is kept across runs; containers never write to it.
/// </summary>
internal sealed class ImageCache(string root, IContainerImageStore store)
{
    private const string RefName = "image";

    private readonly ConcurrentDictionary<string, Lazy<Task<UnpackedImage>>> _images = new(StringComparer.Ordinal);

    public async Task<UnpackedImage> GetAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        var entry = _images.GetOrAdd(digest, _ => new Lazy<Task<UnpackedImage>>(() => UnpackAsync(repository, digest)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _images.TryRemove(new(digest, entry));
            throw;
        }
    }

    private async Task<UnpackedImage> UnpackAsync(string repository, string digest)
    {
        if (!Digest.TryParse(digest, out var parsed))
        {
            throw Pull($"{repository}@{digest}: '{digest}' is not a manifest digest (sha256:<64 hex digits>); resolve tags to digests first");
        }

        var directory = Path.Combine(root, parsed.Hex);
        var configPath = Path.Combine(directory, "config.json");
        if (File.Exists(configPath))
        {
            return new UnpackedImage(Path.Combine(directory, "rootfs"), ReadConfig(await File.ReadAllBytesAsync(configPath).ConfigureAwait(false)));
        }

        // Unpack beside the final place and move it there at the end, so a crash never leaves a half-unpacked image in use.
        var work = Path.Combine(root, $".{parsed.Hex}.{Guid.NewGuid():N}");
        try
        {
            var configBytes = await WriteLayoutAsync(repository, digest, Path.Combine(work, "layout")).ConfigureAwait(false);
            await HostTool.RunAsync("umoci", ["raw", "unpack", "--image", $"{Path.Combine(work, "layout")}:{RefName}", Path.Combine(work, "rootfs")], CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(Path.Combine(work, "layout"), recursive: true);
            await File.WriteAllBytesAsync(Path.Combine(work, "config.json"), configBytes).ConfigureAwait(false);
            try
            {
                Directory.Move(work, directory);
            }
            catch (IOException) when (File.Exists(configPath))
            {
                // Another host on the same state directory finished first.
            }

            return new UnpackedImage(Path.Combine(directory, "rootfs"), ReadConfig(configBytes));
        }
        catch (InvalidOperationException ex)
        {
            throw Pull($"{repository}@{digest}: the image could not be unpacked: {ex.Message}", ex);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Writes the image as an OCI layout holding one manifest tagged <see cref="RefName"/>; returns the config blob.</summary>
    private async Task<byte[]> WriteLayoutAsync(string repository, string digest, string layout)
    {
        var blobs = Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256")).FullName;
        var (bytes, mediaType) = await store.GetManifestAsync(repository, digest, CancellationToken.None).ConfigureAwait(false)
            ?? throw Pull($"{repository}@{digest}: not found in the registry");
        if (MediaTypes.IsIndex(mediaType))
        {
            var index = OciJson.Deserialize<ImageIndex>(bytes);
            var architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
            var chosen = index.Manifests.FirstOrDefault(m => m.Platform is { Os: "linux" } p && p.Architecture == architecture)
                ?? throw Pull($"{repository}@{digest}: the image index has no linux/{architecture} image");
            (bytes, mediaType) = await store.GetManifestAsync(repository, chosen.Digest.ToString(), CancellationToken.None).ConfigureAwait(false)
                ?? throw Pull($"{repository}@{chosen.Digest}: the index's linux/{architecture} image is not in the registry");
        }

        if (!MediaTypes.IsManifest(mediaType))
        {
            throw Pull($"{repository}@{digest}: {mediaType} is not an image manifest");
        }

        var manifest = OciJson.Deserialize<ImageManifest>(bytes);
        var layers = new List<Descriptor>();
        foreach (var layer in manifest.Layers)
        {
            var layerType = MediaTypes.ToOciLayer(layer.MediaType);
            if (layerType is not (MediaTypes.OciLayer or MediaTypes.OciLayerGzip))
            {
                throw Pull($"{repository}@{digest}: layer {layer.Digest} has media type {layer.MediaType}, which the local runner cannot unpack (tar and tar+gzip layers only)");
            }

            await CopyBlobAsync(repository, layer.Digest, blobs).ConfigureAwait(false);
            layers.Add(layer with { MediaType = layerType });
        }

        var configPath = await CopyBlobAsync(repository, manifest.Config.Digest, blobs).ConfigureAwait(false);
        var ociManifest = ManifestContent.From(manifest with
        {
            MediaType = MediaTypes.OciManifest,
            Config = manifest.Config with { MediaType = MediaTypes.OciConfig },
            Layers = layers,
        });
        await File.WriteAllBytesAsync(Path.Combine(blobs, ociManifest.Digest.Hex), ociManifest.Bytes.ToArray()).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(layout, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}").ConfigureAwait(false);
        var layoutIndex = new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                new Descriptor
                {
                    MediaType = MediaTypes.OciManifest,
                    Digest = ociManifest.Digest,
                    Size = ociManifest.Bytes.Length,
                    Annotations = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = RefName },
                },
            ],
        };
        await File.WriteAllBytesAsync(Path.Combine(layout, "index.json"), OciJson.Serialize(layoutIndex)).ConfigureAwait(false);
        return await File.ReadAllBytesAsync(configPath).ConfigureAwait(false);
    }

    private async Task<string> CopyBlobAsync(string repository, Digest digest, string blobs)
    {
        var path = Path.Combine(blobs, digest.Hex);
        if (File.Exists(path))
        {
            return path;
        }

        var source = await store.OpenBlobAsync(repository, digest.ToString(), CancellationToken.None).ConfigureAwait(false)
            ?? throw Pull($"{repository}: blob {digest} is not in the registry");
        await using (source.ConfigureAwait(false))
        {
            var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                await source.CopyToAsync(target).ConfigureAwait(false);
            }
        }

        return path;
    }

    private static ContainerConfig? ReadConfig(byte[] bytes)
    {
        try
        {
            return OciJson.Deserialize<ImageConfig>(bytes).Config;
        }
        catch (FormatException ex)
        {
            throw Pull($"the image config is not valid JSON ({ex.Message}); first bytes: {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 80)))}", ex);
        }
    }

    private static ContainerStartException Pull(string message, Exception? inner = null)
        => new("CannotPullContainerError", message, inner);
}

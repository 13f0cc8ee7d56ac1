using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Registry;

/// <summary>
/// A read-only Docker Hub mirror on the local cloud's registry port, so that a Dockerfile <c>FROM busybox</c> builds
/// offline: with Docker's mirror semantics (same repository path, anonymous pulls), it serves <c>library/busybox</c>
/// (tags <c>latest</c>, <c>stable</c>, <c>musl</c> and by digest), an image made of the host's statically linked
/// <c>/bin/busybox</c> with <c>/bin/sh</c> linked to it. The image is built once, deterministically (fixed timestamps,
/// numeric owners, fixed gzip level), so its digest is the same on every start and every machine with the same busybox.
/// Any other Docker Hub image is a 404 that says what the mirror holds.
/// </summary>
internal sealed partial class DockerHubMirror(string busyboxPath = DockerHubMirror.DefaultBusyboxPath)
{
    /// <summary>Where Debian's busybox-static installs the static busybox.</summary>
    public const string DefaultBusyboxPath = "/bin/busybox";

    private const string Repository = "library/busybox";
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    private static readonly string[] Tags = ["latest", "stable", "musl"];
    private readonly Lazy<MirrorImage?> _image = new(() => StaticBusybox.Problem(busyboxPath) is null ? Build(busyboxPath) : null);

    /// <summary>Whether the request is for the mirror: any <c>/v2/library/...</c> path (Docker Hub's official images).</summary>
    public static bool Handles(string path) => path.StartsWith("/v2/library/", StringComparison.Ordinal);

    /// <summary>Answers a GET or HEAD for a manifest or blob of the mirrored image; 404 with the reason otherwise.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var response = context.Response;
        response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await RegistryEndpoint.ErrorAsync(context, 405, "UNSUPPORTED", "the local cloud's Docker Hub mirror is read-only").ConfigureAwait(false);
            return;
        }

        if (path == $"/v2/{Repository}/tags/list")
        {
            response.ContentType = "application/json";
            await response.WriteAsync(new JsonObject { ["name"] = Repository, ["tags"] = new JsonArray([.. Tags.Select(t => JsonValue.Create(t))]) }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var match = MirrorPath().Match(path);
        var image = _image.Value;
        if (!match.Success || match.Groups["name"].Value != Repository)
        {
            await RegistryEndpoint.ErrorAsync(context, 404, "NAME_UNKNOWN",
                $"the local cloud mirrors only docker.io/{Repository} (made from the host's static busybox), not {match.Groups["name"].Value}: Docker Hub is not reachable offline").ConfigureAwait(false);
            return;
        }

        if (image is null)
        {
            await RegistryEndpoint.ErrorAsync(context, 404, "NAME_UNKNOWN", StaticBusybox.Problem(busyboxPath) ?? "the mirror's busybox image could not be made").ConfigureAwait(false);
            return;
        }

        var reference = match.Groups["reference"].Value;
        byte[]? body = null;
        string? mediaType = null;
        string? digest = null;
        if (match.Groups["kind"].Value == "manifests" && (Tags.Contains(reference, StringComparer.Ordinal) || reference == image.ManifestDigest))
        {
            (body, mediaType, digest) = (image.Manifest, ManifestMediaType, image.ManifestDigest);
        }
        else if (match.Groups["kind"].Value == "blobs" && image.Blobs.TryGetValue(reference, out var blob))
        {
            (body, mediaType, digest) = (blob, "application/octet-stream", reference);
        }

        if (body is null)
        {
            var code = match.Groups["kind"].Value == "blobs" ? "BLOB_UNKNOWN" : "MANIFEST_UNKNOWN";
            await RegistryEndpoint.ErrorAsync(context, 404, code, $"docker.io/{Repository} has no {reference} in the local cloud's mirror (tags: {string.Join(", ", Tags)})").ConfigureAwait(false);
            return;
        }

        response.ContentType = mediaType;
        response.ContentLength = body.Length;
        response.Headers["Docker-Content-Digest"] = digest;
        if (HttpMethods.IsGet(context.Request.Method)) await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static MirrorImage Build(string busyboxPath)
    {
        var epoch = DateTimeOffset.UnixEpoch;
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            writer.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "bin/") { Mode = (UnixFileMode)0b111_101_101, ModificationTime = epoch });
            using var busybox = File.OpenRead(busyboxPath);
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0b111_101_101, ModificationTime = epoch, DataStream = busybox });
            writer.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "bin/sh") { LinkName = "busybox", Mode = (UnixFileMode)0b111_111_111, ModificationTime = epoch });
        }

        var uncompressed = tar.ToArray();
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(uncompressed);
        var layer = gzipped.ToArray();
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["created"] = "1970-01-01T00:00:00Z",
            ["config"] = new JsonObject { ["Env"] = new JsonArray("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), ["Cmd"] = new JsonArray("sh") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(Sha256(uncompressed)) },
        }.ToJsonString());
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config),
            ["layers"] = new JsonArray(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer)),
        }.ToJsonString());
        return new MirrorImage(manifest, Sha256(manifest), new Dictionary<string, byte[]>(StringComparer.Ordinal) { [Sha256(config)] = config, [Sha256(layer)] = layer });
    }

    private static JsonObject Descriptor(string mediaType, byte[] content) =>
        new() { ["mediaType"] = mediaType, ["digest"] = Sha256(content), ["size"] = content.Length };

    private static string Sha256(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    [GeneratedRegex("^/v2/(?<name>.+)/(?<kind>manifests|blobs)/(?<reference>[^/]+)$")]
    private static partial Regex MirrorPath();

    private sealed record MirrorImage(byte[] Manifest, string ManifestDigest, IReadOnlyDictionary<string, byte[]> Blobs);
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>A tiny deterministic OCI image (one gzip layer with one file) built in memory.</summary>
public sealed class TestImage
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    private TestImage(byte[] layer, byte[] config, byte[] manifest)
    {
        Layer = layer;
        Config = config;
        Manifest = manifest;
    }

    public byte[] Layer { get; }

    public byte[] Config { get; }

    public byte[] Manifest { get; }

    public string LayerDigest => Digest(Layer);

    public string ConfigDigest => Digest(Config);

    public string ManifestDigest => Digest(Manifest);

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Builds an image whose single layer contains <c>hello.txt</c> with <paramref name="content"/>.</summary>
    public static TestImage Create(string content, int extraBytes = 0)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var data = Encoding.UTF8.GetBytes(content).Concat(RandomBytes(content, extraBytes)).ToArray();
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt")
            {
                DataStream = new MemoryStream(data),
                ModificationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            writer.WriteEntry(entry);
        }

        var uncompressed = tar.ToArray();
        var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(uncompressed);
        }

        var layer = gz.ToArray();
        var config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            architecture = "amd64",
            os = "linux",
            config = new { Entrypoint = new[] { "/bin/sh" }, Env = new[] { "PATH=/bin" } },
            rootfs = new { type = "layers", diff_ids = new[] { Digest(uncompressed) } },
        });
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = OciManifest,
            config = new { mediaType = "application/vnd.oci.image.config.v1+json", digest = Digest(config), size = config.Length },
            layers = new[] { new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = Digest(layer), size = layer.Length } },
        });
        return new TestImage(layer, config, manifest);
    }

    private static byte[] RandomBytes(string seed, int count)
    {
        var random = new Random(seed.GetHashCode(StringComparison.Ordinal));
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Writes an OCI image layout directory usable as <c>oci:&lt;dir&gt;:&lt;tag&gt;</c> by skopeo.</summary>
    public string WriteLayout(string directory, string tag)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        foreach (var blob in new[] { Layer, Config, Manifest })
        {
            File.WriteAllBytes(Path.Combine(blobs, Digest(blob)[7..]), blob);
        }

        File.WriteAllText(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        var index = JsonSerializer.Serialize(new
        {
            schemaVersion = 2,
            manifests = new[]
            {
                new Dictionary<string, object>
                {
                    ["mediaType"] = OciManifest,
                    ["digest"] = ManifestDigest,
                    ["size"] = Manifest.Length,
                    ["annotations"] = new Dictionary<string, string> { ["org.opencontainers.image.ref.name"] = tag },
                },
            },
        });
        File.WriteAllText(Path.Combine(directory, "index.json"), index);
        return directory;
    }

    /// <summary>Pushes blobs (monolithic) and the manifest over the registry API with an authenticated client.</summary>
    public async Task PushAsync(HttpClient http, Uri endpoint, string authorization, string repository, string reference)
    {
        foreach (var blob in new[] { Layer, Config })
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, $"/v2/{repository}/blobs/uploads/"));
            start.Headers.Authorization = new AuthenticationHeaderValue("Basic", authorization);
            using var started = await http.SendAsync(start);
            ((int)started.StatusCode).ShouldBe(202, await started.Content.ReadAsStringAsync());
            var location = new Uri(new Uri(endpoint, $"/v2/{repository}/blobs/uploads/"), started.Headers.Location!);
            using var put = new HttpRequestMessage(HttpMethod.Put, location + (location.Query.Length > 0 ? "&" : "?") + "digest=" + Digest(blob))
            {
                Content = new ByteArrayContent(blob),
            };
            put.Headers.Authorization = new AuthenticationHeaderValue("Basic", authorization);
            put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var done = await http.SendAsync(put);
            ((int)done.StatusCode).ShouldBe(201, await done.Content.ReadAsStringAsync());
        }

        using var manifest = new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint, $"/v2/{repository}/manifests/{reference}"))
        {
            Content = new ByteArrayContent(Manifest),
        };
        manifest.Headers.Authorization = new AuthenticationHeaderValue("Basic", authorization);
        manifest.Content.Headers.ContentType = new MediaTypeHeaderValue(OciManifest);
        using var response = await http.SendAsync(manifest);
        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
    }
}

using System.Collections.Concurrent;
using System.IO.Compression;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Tests.Fixtures;

internal sealed record TestImage(ManifestContent Manifest, IReadOnlyList<BlobSource> Blobs, IReadOnlyList<byte[]> LayerBytes)
{
    public ImagePushRequest ToPush(string repository, string? tag) => new() { Repository = repository, Tag = tag, Manifest = Manifest, Blobs = Blobs };
}

internal static class TestImages
{
    /// <summary>A valid single-platform image with pseudo-random gzip layers of the given uncompressed sizes.</summary>
    public static TestImage Create(int seed, params int[] layerSizes)
    {
        var random = new Random(seed);
        var layers = new List<(Descriptor Descriptor, byte[] Bytes, Digest DiffId)>();
        foreach (var size in layerSizes)
        {
            var raw = new byte[size];
            random.NextBytes(raw);
            using var buffer = new MemoryStream();
            using (var gzip = new GZipStream(buffer, CompressionLevel.NoCompression, leaveOpen: true))
            {
                gzip.Write(raw);
            }

            var bytes = buffer.ToArray();
            layers.Add((new Descriptor { MediaType = MediaTypes.OciLayerGzip, Digest = Digest.Compute(bytes), Size = bytes.Length }, bytes, Digest.Compute(raw)));
        }

        var config = new ImageConfig
        {
            Architecture = "amd64",
            Os = "linux",
            Created = "1970-01-01T00:00:00Z",
            Config = new ContainerConfig { Env = [$"SEED={seed}"] },
            RootFs = new RootFs { DiffIds = layers.Select(l => l.DiffId).ToList() },
        };
        var configBytes = OciJson.Serialize(config);
        var configDescriptor = new Descriptor { MediaType = MediaTypes.OciConfig, Digest = Digest.Compute(configBytes), Size = configBytes.Length };
        var manifest = ManifestContent.From(new ImageManifest
        {
            MediaType = MediaTypes.OciManifest,
            Config = configDescriptor,
            Layers = layers.Select(l => l.Descriptor).ToList(),
        });
        var blobs = new List<BlobSource> { BlobSource.FromBytes(configDescriptor, configBytes) };
        blobs.AddRange(layers.Select(l => BlobSource.FromBytes(l.Descriptor, l.Bytes)));
        return new TestImage(manifest, blobs, layers.Select(l => l.Bytes).ToList());
    }
}

/// <summary>Records every request and can fail chosen ones, to observe and interrupt the protocol.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    public Func<HttpRequestMessage, bool>? FailWhen { get; set; }

    public Func<HttpRequestMessage, HttpResponseMessage?>? Respond { get; set; }

    public int Count(string method, string pathContains) =>
        Requests.Count(r => r.StartsWith(method + " ", StringComparison.Ordinal) && r.Contains(pathContains, StringComparison.Ordinal));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue($"{request.Method} {request.RequestUri!.PathAndQuery}");
        if (FailWhen?.Invoke(request) == true)
        {
            throw new HttpRequestException("Simulated connection reset.");
        }

        if (Respond?.Invoke(request) is { } canned)
        {
            return canned;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

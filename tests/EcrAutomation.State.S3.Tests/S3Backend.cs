using Amazon.S3;
using Amazon.S3.Model;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.State.S3.Tests;

/// <summary>
/// A bucket on an S3 endpoint for one test: the local cloud (its S3 is moto's, behind the cloud's proxy) seen through a
/// recording proxy that lists every request, or a plain moto_server. Dispose stops them and deletes the folder.
/// </summary>
internal sealed class S3Backend : IAsyncDisposable
{
    public const string Bucket = "state";

    private readonly LocalCloudServer? _cloud;
    private readonly MotoServerProcess? _moto;

    private S3Backend(string root, Uri endpoint, LocalCloudServer? cloud, FaultInjectingProxy? proxy, MotoServerProcess? moto)
    {
        Root = root;
        Endpoint = endpoint;
        _cloud = cloud;
        Proxy = proxy;
        _moto = moto;
    }

    public string Root { get; }
    public Uri Endpoint { get; }

    /// <summary>The recording proxy in front of the local cloud (null for plain moto).</summary>
    public FaultInjectingProxy? Proxy { get; }

    /// <summary>The backend URL of <paramref name="prefix"/> in the bucket.</summary>
    public string Url(string prefix = "team") => $"s3://{Bucket}/{prefix}?region={FakeAwsEnvironment.Region}&endpoint={Uri.EscapeDataString(Endpoint.ToString().TrimEnd('/'))}";

    public static async Task<S3Backend> LocalCloudAsync()
    {
        FakeAwsEnvironment.ApplyToProcess();
        var root = Directory.CreateTempSubdirectory("ecra-s3-").FullName;
        var cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(root, "cloud"),
            WriteStateFile = false,
            LifecyclePolicyInterval = null,
        });
        (await cloud.IsMotoAvailableAsync()).ShouldBeTrue(cloud.MotoFailureReason);
        var proxy = await FaultInjectingProxy.StartAsync(cloud.Endpoint);
        var backend = new S3Backend(root, proxy.Endpoint, cloud, proxy, null);
        await backend.CreateBucketAsync();
        return backend;
    }

    public static async Task<S3Backend> PlainMotoAsync()
    {
        FakeAwsEnvironment.ApplyToProcess();
        var root = Directory.CreateTempSubdirectory("ecra-s3-").FullName;
        var moto = await MotoServerProcess.StartAsync();
        var backend = new S3Backend(root, moto.Endpoint, null, null, moto);
        await backend.CreateBucketAsync();
        return backend;
    }

    public AmazonS3Client Client() => new(new AmazonS3Config
    {
        ServiceURL = Endpoint.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = FakeAwsEnvironment.Region,
        RequestChecksumCalculation = Amazon.Runtime.RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = Amazon.Runtime.ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every key in the bucket with its content.</summary>
    public async Task<Dictionary<string, string>> ObjectsAsync()
    {
        using var client = Client();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
        foreach (var o in listed.S3Objects ?? [])
        {
            using var get = await client.GetObjectAsync(Bucket, o.Key);
            using var reader = new StreamReader(get.ResponseStream);
            result[o.Key] = await reader.ReadToEndAsync();
        }
        return result;
    }

    /// <summary>The requests that changed an object since <paramref name="from"/> (PUT, POST, DELETE), as "METHOD /bucket/key".</summary>
    public IReadOnlyList<string> WritesSince(int from) =>
        [.. Proxy!.Requests.Skip(from).Where(r => !r.StartsWith("GET ", StringComparison.Ordinal) && !r.StartsWith("HEAD ", StringComparison.Ordinal))];

    private async Task CreateBucketAsync()
    {
        using var client = Client();
        await client.PutBucketAsync(Bucket);
    }

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (_cloud is not null) await _cloud.DisposeAsync();
        _moto?.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

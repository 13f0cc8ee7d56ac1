using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace EcrAutomation.State.S3;

/// <summary>
/// Stack state in an S3 bucket, under an optional key prefix, in Pulumi's DIY layout: a stack deployed here can be read by
/// <c>pulumi stack export</c> against the same bucket, and the reverse. Locks and checkpoints use S3's conditional writes
/// (<c>If-None-Match: *</c>, <c>If-Match</c>) and conditional deletes, which S3 applies atomically, so the engine's lock
/// excludes exactly and a writer that lost its lock cannot overwrite the checkpoint.
/// </summary>
/// <remarks>
/// The engine's state code is synchronous (a run's journal appends are batched in the background), so each call waits
/// for the SDK's asynchronous request.
/// </remarks>
public sealed class S3StateStorage : IStateStorage, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly string _prefix;

    /// <summary>Uses <paramref name="client"/> for the objects under <paramref name="prefix"/> in <paramref name="bucket"/>.</summary>
    /// <param name="client">The S3 client; the caller keeps owning it.</param>
    /// <param name="bucket">The bucket, which must exist.</param>
    /// <param name="prefix">A key prefix that holds <c>.pulumi/</c> (as in <c>s3://bucket/prefix</c>), or empty.</param>
    public S3StateStorage(IAmazonS3 client, string bucket, string prefix = "")
        : this(client, bucket, prefix, ownsClient: false) { }

    private S3StateStorage(IAmazonS3 client, string bucket, string prefix, bool ownsClient)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _bucket = string.IsNullOrEmpty(bucket) ? throw new ArgumentException("the bucket name is empty", nameof(bucket)) : bucket;
        _prefix = prefix.Trim('/') is { Length: > 0 } p ? p + "/" : "";
        _ownsClient = ownsClient;
    }

    /// <summary>
    /// Opens the backend of a URL <c>s3://bucket/prefix?region=REGION&amp;endpoint=URL&amp;profile=NAME</c> (the Pulumi CLI's
    /// form; <c>LocalWorkspaceOptions.StateStorageFactory</c> takes this method). Credentials come from the usual AWS
    /// sources (environment, profile, instance role); the region from <c>region</c>, else those sources. An
    /// <c>endpoint</c> (an S3-compatible service, the local cloud) is addressed path-style.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not an <c>s3://</c> URL with a bucket, or has an unknown option.</exception>
    public static S3StateStorage Open(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != "s3" || string.IsNullOrEmpty(url.Host))
            throw new ArgumentException($"'{url}' is not an S3 backend URL: use s3://bucket/prefix?region=REGION", nameof(url));
        var config = new AmazonS3Config();
        string? profile = null;
        foreach (var (key, value) in Query(url))
        {
            switch (key)
            {
                case "region": config.RegionEndpoint = RegionEndpoint.GetBySystemName(value); break;
                case "endpoint":
                    config.ServiceURL = value;
                    config.ForcePathStyle = true;
                    // S3-compatible services do not all take the SDK's default trailing checksums.
                    config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
                    config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
                    break;
                case "profile": profile = value; break;
                case "s3ForcePathStyle" or "use_path_style": config.ForcePathStyle = value is "true" or "1"; break;
                default:
                    throw new ArgumentException($"'{url}' has the option '{key}', which is not supported; use region, endpoint, profile or s3ForcePathStyle", nameof(url));
            }
        }
        if (config.ServiceURL is not null && config.RegionEndpoint is { } region) config.AuthenticationRegion = region.SystemName;
        var client = profile is null
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials)
                ? credentials : throw new ArgumentException($"'{url}' names the AWS profile '{profile}', which is not configured", nameof(url)), config);
        return new S3StateStorage(client, url.Host, Uri.UnescapeDataString(url.AbsolutePath), ownsClient: true);
    }

    private static IEnumerable<(string Key, string Value)> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""));

    /// <inheritdoc />
    public string Url => $"s3://{_bucket}/{_prefix}".TrimEnd('/');

    /// <summary>False: the bucket is shared by many hosts, so only lapsed leases let a lock be taken over.</summary>
    public bool IsLocal => false;

    /// <inheritdoc />
    public string Describe(string key) => $"s3://{_bucket}/{_prefix}{key}";

    /// <inheritdoc />
    public StoredObject? Get(string key) => Call("read", key, async () =>
    {
        try
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = _prefix + key }).ConfigureAwait(false);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content).ConfigureAwait(false);
            return new StoredObject(content.ToArray(), response.ETag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is "NoSuchKey" or "NotFound")
        {
            return null;
        }
    });

    /// <inheritdoc />
    public string Put(string key, ReadOnlyMemory<byte> content, StateWriteCondition condition) => Call("write", key, async () =>
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = _prefix + key,
            InputStream = new MemoryStream(content.ToArray(), writable: false),
            ContentType = key.EndsWith(".yaml", StringComparison.Ordinal) ? "application/yaml" : "application/json",
        };
        if (condition.IfAbsent) request.IfNoneMatch = "*";
        if (condition.ETag is { } etag) request.IfMatch = etag;
        try { return (await _client.PutObjectAsync(request).ConfigureAwait(false)).ETag; }
        catch (AmazonS3Exception e) when (IsConditionFailure(e, condition.ETag is not null))
        {
            throw new StateConditionFailedException(ConditionMessage(key, condition.IfAbsent ? "already exists" : "was changed or removed by another process", e), e);
        }
    });

    /// <inheritdoc />
    public void Copy(string sourceKey, string destinationKey) => Call("copy", sourceKey, () =>
        _client.CopyObjectAsync(new CopyObjectRequest
        {
            SourceBucket = _bucket,
            SourceKey = _prefix + sourceKey,
            DestinationBucket = _bucket,
            DestinationKey = _prefix + destinationKey,
        }));

    /// <inheritdoc />
    public bool Delete(string key, string? ifMatch = null) => Call("delete", key, async () =>
    {
        var request = new DeleteObjectRequest { BucketName = _bucket, Key = _prefix + key };
        if (ifMatch is null)
        {
            // S3 answers a delete of a missing key with success, so whether it existed is read first.
            if (await HeadAsync(key).ConfigureAwait(false) is false) return false;
            await _client.DeleteObjectAsync(request).ConfigureAwait(false);
            return true;
        }
        request.IfMatch = ifMatch;
        try
        {
            await _client.DeleteObjectAsync(request).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (IsConditionFailure(e, ifMatch: true))
        {
            throw new StateConditionFailedException(ConditionMessage(key, "was changed or removed by another process", e), e);
        }
    });

    /// <inheritdoc />
    public IReadOnlyList<string> List(string prefix) => Call("list", prefix, async () =>
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix };
        do
        {
            var page = await _client.ListObjectsV2Async(request).ConfigureAwait(false);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key[_prefix.Length..]));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        keys.Sort(StringComparer.Ordinal);
        return (IReadOnlyList<string>)keys;
    });

    /// <summary>Nothing to do: an S3 write is atomic and leaves nothing behind when interrupted.</summary>
    public void DiscardIncompleteWrites(string key) { }

    /// <summary>Disposes the client this storage created (<see cref="Open"/>); a client passed in stays the caller's.</summary>
    public void Dispose()
    {
        if (_ownsClient) _client.Dispose();
    }

    private async Task<bool> HeadAsync(string key)
    {
        try
        {
            await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = _prefix + key }).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { return false; }
    }

    /// <summary>
    /// 412: the condition did not hold. 409 ConditionalRequestConflict: a concurrent conditional write of the key won.
    /// 404 on If-Match: the object is gone.
    /// </summary>
    private static bool IsConditionFailure(AmazonS3Exception e, bool ifMatch) =>
        e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict || (ifMatch && e.StatusCode == HttpStatusCode.NotFound);

    private string ConditionMessage(string key, string what, AmazonS3Exception e) => $"'{Describe(key)}' {what} ({(int)e.StatusCode} {e.ErrorCode})";

    private T Call<T>(string operation, string key, Func<Task<T>> call)
    {
        // The global queue (PreferFairness), not this pool thread's local one, which no other thread drains while it waits.
        try { return Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap().GetAwaiter().GetResult(); }
        catch (StateException) { throw; }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new StateException($"the state bucket '{_bucket}' does not exist; create it (aws s3 mb s3://{_bucket}) or fix the backend URL {Url}", e);
        }
        catch (AmazonServiceException e)
        {
            throw new StateException($"could not {operation} '{Describe(key)}': {e.Message} ({(int)e.StatusCode} {e.ErrorCode})", e);
        }
        catch (AmazonClientException e)
        {
            throw new StateException($"could not {operation} '{Describe(key)}': {e.Message}", e);
        }
        catch (HttpRequestException e)
        {
            throw new StateException($"could not {operation} '{Describe(key)}': {e.Message}", e);
        }
    }
}

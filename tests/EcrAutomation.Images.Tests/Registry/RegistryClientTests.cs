using System.Net;
using System.Text;
using System.Text.Json;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;
using EcrAutomation.Images.Tests.Fixtures;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Images.Tests.Registry;

[Collection(RegistryCollection.Name)]
public sealed class RegistryClientTests(RegistryFixture fixture)
{
    private static string NewRepository(string prefix) => $"{prefix}/r{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 14, 40)];

    private RegistryClient CreateClient(RecordingHandler? handler = null, Func<RegistryClientOptions, RegistryClientOptions>? configure = null)
    {
        var options = new RegistryClientOptions { Registry = fixture.Open.Host, RetryDelay = TimeSpan.FromMilliseconds(10) };
        return new RegistryClient(configure?.Invoke(options) ?? options, handler ?? new RecordingHandler());
    }

    [Fact]
    public async Task PushImageAsync_NewImage_UploadsEveryBlobThenManifestLast()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler);
        var image = TestImages.Create(1, 1000, 2000);
        var repository = NewRepository("push");

        var result = await client.PushImageAsync(image.ToPush(repository, "v1"));

        result.ManifestDigest.ShouldBe(image.Manifest.Digest);
        result.ManifestUploaded.ShouldBeTrue();
        result.Blobs.ShouldAllBe(b => b.Outcome == BlobPushOutcome.Uploaded);
        result.BytesUploaded.ShouldBe(image.Blobs.Sum(b => b.Descriptor.Size));
        handler.Requests.Last().ShouldStartWith($"PUT /v2/{repository}/manifests/v1");
        handler.Count("PATCH", "/blobs/uploads/").ShouldBe(0);
        handler.Requests.Count(r => r.StartsWith("PUT ", StringComparison.Ordinal) && r.Contains("digest=sha256", StringComparison.Ordinal)).ShouldBe(3);
        client.BaseUri.Scheme.ShouldBe("http");
    }

    [Fact]
    public async Task PushImageAsync_UnchangedImage_UploadsZeroBytesAndNoManifest()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler);
        var image = TestImages.Create(2, 4000, 5000);
        var repository = NewRepository("repush");
        await client.PushImageAsync(image.ToPush(repository, "v1"));
        handler.Requests.Clear();

        var again = await client.PushImageAsync(image.ToPush(repository, "v1"));

        again.BytesUploaded.ShouldBe(0);
        again.ManifestUploaded.ShouldBeFalse();
        again.Blobs.ShouldAllBe(b => b.Outcome == BlobPushOutcome.AlreadyExists);
        handler.Requests.ShouldAllBe(r => r.StartsWith("HEAD ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushBlobAsync_ExistingBlob_IsNotUploadedAgain()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler);
        var image = TestImages.Create(3, 3000);
        var repository = NewRepository("head");
        var layer = image.Blobs[1];
        (await client.PushBlobAsync(repository, layer)).Outcome.ShouldBe(BlobPushOutcome.Uploaded);

        var second = await client.PushBlobAsync(repository, layer);

        second.Outcome.ShouldBe(BlobPushOutcome.AlreadyExists);
        second.BytesUploaded.ShouldBe(0);
        handler.Count("POST", "/blobs/uploads/").ShouldBe(1);
        (await client.BlobExistsAsync(repository, layer.Descriptor.Digest)).ShouldBeTrue();
    }

    [Fact]
    public async Task PushBlobAsync_SourceInOtherRepositoryOfSameRegistry_IsMounted()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler);
        var image = TestImages.Create(4, 3000);
        var source = NewRepository("mountsrc");
        var target = NewRepository("mountdst");
        await client.PushImageAsync(image.ToPush(source, "base"));
        var layer = image.Blobs[1] with { OpenAsync = null, SourceRegistry = fixture.Open.Host, SourceRepository = source };

        var result = await client.PushBlobAsync(target, layer);

        result.Outcome.ShouldBe(BlobPushOutcome.Mounted);
        result.BytesUploaded.ShouldBe(0);
        handler.Requests.ShouldContain(r => r.StartsWith($"POST /v2/{target}/blobs/uploads/?mount=", StringComparison.Ordinal));
        (await client.BlobExistsAsync(target, layer.Descriptor.Digest)).ShouldBeTrue();
    }

    [Fact]
    public async Task TryMountBlobAsync_BlobUnknownInSource_ReturnsFalse()
    {
        using var client = CreateClient();
        var image = TestImages.Create(5, 100);

        var mounted = await client.TryMountBlobAsync(NewRepository("nomount"), image.Blobs[1].Descriptor.Digest, NewRepository("nosrc"));

        mounted.ShouldBeFalse();
    }

    [Fact]
    public async Task PushBlobAsync_BlobAboveThreshold_UsesChunkedPatchUploads()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler, o => o with { MonolithicUploadThreshold = 1024, ChunkSize = 64 * 1024 });
        var image = TestImages.Create(6, 200 * 1024);
        var repository = NewRepository("chunked");
        var layer = image.Blobs[1];

        var result = await client.PushBlobAsync(repository, layer);

        result.Outcome.ShouldBe(BlobPushOutcome.Uploaded);
        handler.Count("PATCH", "/blobs/uploads/").ShouldBe((int)Math.Ceiling(layer.Descriptor.Size / (64.0 * 1024)));
        using var store = new TempDirectory();
        var path = await client.PullBlobAsync(repository, layer.Descriptor, new ContentStore(store.Path));
        (await File.ReadAllBytesAsync(path)).ShouldBe(image.LayerBytes[0]);
    }

    [Fact]
    public void Constructor_EcrHost_ClampsChunkSizeToEcrPartLimits()
    {
        using var small = new RegistryClient(new RegistryClientOptions { Registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com", ChunkSize = 1024 });
        using var large = new RegistryClient(new RegistryClientOptions { Registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com", ChunkSize = 64 * RegistryClientOptions.MiB });

        small.IsAmazonEcr.ShouldBeTrue();
        small.BaseUri.Scheme.ShouldBe("https");
        small.ChunkSize.ShouldBe(5 * RegistryClientOptions.MiB);
        large.ChunkSize.ShouldBe(10 * RegistryClientOptions.MiB);
    }

    [Theory]
    [InlineData("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "https")]
    [InlineData("http://127.0.0.1:5000/", "127.0.0.1:5000", "http")]
    [InlineData("localhost:5000", "localhost:5000", "http")]
    [InlineData("registry.example.com", "registry.example.com", "https")]
    public void ForEndpoint_UrlOrHost_PicksHostAndScheme(string endpoint, string registry, string scheme)
    {
        using var client = new RegistryClient(RegistryClientOptions.ForEndpoint(endpoint));

        client.Registry.ShouldBe(registry);
        client.BaseUri.Scheme.ShouldBe(scheme);
    }

    [Fact]
    public async Task PushBlobAsync_RegistryAnswersPatchWith201_CompletesUpload()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler, o => o with { MonolithicUploadThreshold = 10, ChunkSize = 1000 });
        var image = TestImages.Create(7, 3000);
        var repository = NewRepository("patch201");
        handler.Respond = request =>
        {
            if (request.Method != HttpMethod.Patch)
            {
                return null;
            }

            // ECR's variant: 201 instead of 202. Forward, then rewrite the status.
            var forwarded = new HttpClient().Send(Clone(request));
            forwarded.StatusCode = HttpStatusCode.Created;
            return forwarded;
        };

        var result = await client.PushBlobAsync(repository, image.Blobs[1]);

        result.Outcome.ShouldBe(BlobPushOutcome.Uploaded);
        (await client.BlobExistsAsync(repository, image.Blobs[1].Descriptor.Digest)).ShouldBeTrue();
    }

    [Fact]
    public async Task GetManifestAsync_ByTagAndDigest_ReturnsExactBytes()
    {
        using var client = CreateClient();
        var image = TestImages.Create(8, 500);
        var repository = NewRepository("getman");
        await client.PushImageAsync(image.ToPush(repository, "v1"));

        var byTag = await client.GetManifestAsync(repository, "v1");
        var byDigest = await client.GetManifestAsync(repository, image.Manifest.Digest.ToString());
        var head = await client.HeadManifestAsync(repository, "v1");
        var missing = await client.GetManifestAsync(repository, "nope");

        byTag!.Bytes.ToArray().ShouldBe(image.Manifest.Bytes.ToArray());
        byTag.Digest.ShouldBe(image.Manifest.Digest);
        byTag.MediaType.ShouldBe(MediaTypes.OciManifest);
        byDigest!.Digest.ShouldBe(image.Manifest.Digest);
        head!.Digest.ShouldBe(image.Manifest.Digest);
        head.Size.ShouldBe(image.Manifest.Bytes.Length);
        missing.ShouldBeNull();
    }

    [Fact]
    public async Task PullImageAsync_PushedImage_ReturnsManifestAndConfigAndVerifiedBlobs()
    {
        using var client = CreateClient();
        var image = TestImages.Create(9, 700, 800);
        var repository = NewRepository("pull");
        await client.PushImageAsync(image.ToPush(repository, "v1"));
        using var store = new TempDirectory();
        var contentStore = new ContentStore(store.Path);

        var pulled = await client.PullImageAsync(repository, "v1");
        var paths = new List<string>();
        foreach (var layer in pulled.Manifest.Layers)
        {
            paths.Add(await client.PullBlobAsync(repository, layer, contentStore));
        }

        pulled.ManifestContent.Digest.ShouldBe(image.Manifest.Digest);
        pulled.Config.Config!.Env.ShouldBe(["SEED=9"]);
        paths.Select(File.ReadAllBytes).ShouldBe(image.LayerBytes);
    }

    [Fact]
    public async Task PullImageAsync_IndexOfPlatforms_ResolvesRequestedPlatform()
    {
        using var client = CreateClient();
        var amd = TestImages.Create(10, 100);
        var arm = TestImages.Create(11, 100);
        var repository = NewRepository("index");
        await client.PushImageAsync(amd.ToPush(repository, null));
        await client.PushImageAsync(arm.ToPush(repository, null));
        var index = ManifestContent.From(new ImageIndex
        {
            MediaType = MediaTypes.OciIndex,
            Manifests =
            [
                amd.Manifest.ToDescriptor(Platform.LinuxAmd64),
                arm.Manifest.ToDescriptor(Platform.Parse("linux/arm64")),
            ],
        });
        await client.PutManifestAsync(repository, "multi", index);

        var pulledArm = await client.PullImageAsync(repository, "multi", Platform.Parse("linux/aarch64"));
        var pulledDefault = await client.PullImageAsync(repository, "multi");

        pulledArm.ManifestContent.Digest.ShouldBe(arm.Manifest.Digest);
        pulledDefault.ManifestContent.Digest.ShouldBe(amd.Manifest.Digest);
    }

    [Fact]
    public async Task PullAsync_TamperedContent_ThrowsDigestMismatch()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler, o => o with { MaxRetryAttempts = 0 });
        var image = TestImages.Create(30, 500);
        var repository = NewRepository("tamper");
        await client.PushImageAsync(image.ToPush(repository, "v1"));
        var other = TestImages.Create(31, 500);
        handler.Respond = request => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains("/blobs/", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(other.LayerBytes[0]) }
            : request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/manifests/" + image.Manifest.Digest, StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(other.Manifest.Bytes.ToArray()) }
                : null;
        using var store = new TempDirectory();

        await Should.ThrowAsync<DigestMismatchException>(() => client.PullBlobAsync(repository, image.Blobs[1].Descriptor, new ContentStore(store.Path)));
        await Should.ThrowAsync<DigestMismatchException>(() => client.GetManifestAsync(repository, image.Manifest.Digest.ToString()));
        Directory.EnumerateFiles(store.Path, "*", SearchOption.AllDirectories).ShouldNotContain(f => f.EndsWith(image.Blobs[1].Descriptor.Digest.Hex, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListTagsAsync_AfterPushes_ReturnsEveryTag()
    {
        using var client = CreateClient();
        var image = TestImages.Create(12, 100);
        var repository = NewRepository("tags");
        await client.PushImageAsync(image.ToPush(repository, "a"));
        await client.PushImageAsync(image.ToPush(repository, "b"));

        var tags = await client.ListTagsAsync(repository);
        var none = await client.ListTagsAsync(NewRepository("notags"));

        tags.OrderBy(t => t, StringComparer.Ordinal).ShouldBe(["a", "b"]);
        none.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteManifestAsync_PushedManifest_IsGone()
    {
        using var client = CreateClient();
        var image = TestImages.Create(13, 100);
        var repository = NewRepository("delete");
        await client.PushImageAsync(image.ToPush(repository, "v1"));

        var deleted = await client.DeleteManifestAsync(repository, image.Manifest.Digest);
        var deletedAgain = await client.DeleteManifestAsync(repository, image.Manifest.Digest);

        deleted.ShouldBeTrue();
        deletedAgain.ShouldBeFalse();
        (await client.GetManifestAsync(repository, image.Manifest.Digest.ToString())).ShouldBeNull();
    }

    [Fact]
    public async Task PushImageAsync_InterruptedThenResumed_UploadsOnlyMissingBlobs()
    {
        var image = TestImages.Create(14, 1000, 2000, 3000, 4000);
        var repository = NewRepository("resume");
        var broken = new RecordingHandler();
        var uploads = 0;
        broken.FailWhen = request => request.Method == HttpMethod.Put && request.RequestUri!.Query.Contains("digest=", StringComparison.Ordinal)
            && Interlocked.Increment(ref uploads) > 2;
        using (var failing = CreateClient(broken, o => o with { MaxRetryAttempts = 0, MaxParallelUploads = 1 }))
        {
            await Should.ThrowAsync<HttpRequestException>(() => failing.PushImageAsync(image.ToPush(repository, "v1")));
        }

        using var client = CreateClient();
        var resumed = await client.PushImageAsync(image.ToPush(repository, "v1"));

        resumed.Blobs.Count(b => b.Outcome == BlobPushOutcome.AlreadyExists).ShouldBe(2);
        resumed.Blobs.Count(b => b.Outcome == BlobPushOutcome.Uploaded).ShouldBe(3);
        resumed.BytesUploaded.ShouldBe(resumed.Blobs.Where(b => b.Outcome == BlobPushOutcome.Uploaded).Sum(b => b.Descriptor.Size));
        (await client.HeadManifestAsync(repository, "v1"))!.Digest.ShouldBe(image.Manifest.Digest);
    }

    [Fact]
    public async Task PushImageAsync_TransientServerErrors_AreRetried()
    {
        var handler = new RecordingHandler();
        var failures = 0;
        handler.Respond = request => request.Method == HttpMethod.Post && Interlocked.Increment(ref failures) <= 2
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : null;
        using var client = CreateClient(handler);
        var image = TestImages.Create(15, 100);

        var result = await client.PushImageAsync(image.ToPush(NewRepository("retry"), "v1"));

        result.ManifestUploaded.ShouldBeTrue();
        failures.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task PutManifestAsync_ImmutableTagSameDigest_Succeeds_OtherDigest_Throws()
    {
        var handler = new RecordingHandler();
        using var client = CreateClient(handler);
        var first = TestImages.Create(16, 100);
        var second = TestImages.Create(17, 100);
        var repository = NewRepository("immutable");
        await client.PushImageAsync(first.ToPush(repository, "v1"));
        await client.PushImageAsync(second.ToPush(repository, null));
        handler.Respond = request => request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith("/manifests/v1", StringComparison.Ordinal)
            ? new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent(
                    $$"""{"errors":[{"code":"TAG_INVALID","message":"The image tag 'v1' already exists in the '{{repository}}' repository and cannot be overwritten because the repository is immutable."}]}""",
                    Encoding.UTF8,
                    "application/json"),
            }
            : null;

        var same = await client.PutManifestAsync(repository, "v1", first.Manifest);
        var error = await Should.ThrowAsync<RegistryTagImmutableException>(() => client.PutManifestAsync(repository, "v1", second.Manifest));

        same.ShouldBe(first.Manifest.Digest);
        error.Message.ShouldContain("immutable");
        error.ErrorCode.ShouldBe("TAG_INVALID");
    }

    [Fact]
    public async Task PushImageAsync_SkopeoInspect_ReportsSameDigest()
    {
        using var client = CreateClient();
        var image = TestImages.Create(18, 1000);
        var repository = NewRepository("skopeo");
        await client.PushImageAsync(image.ToPush(repository, "v1"));

        var json = await ExternalTool.RunCheckedAsync("skopeo", "skopeo", ["inspect", "--tls-verify=false", $"docker://{fixture.Open.Host}/{repository}:v1"]);

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("Digest").GetString().ShouldBe(image.Manifest.Digest.ToString());
        document.RootElement.GetProperty("Architecture").GetString().ShouldBe("amd64");
    }

    [Fact]
    public async Task PushImageAsync_BasicAuthWithValidCredentials_Succeeds()
    {
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Registry = fixture.Authenticated.Host,
            Credentials = new RegistryCredentials(RegistryServer.Username, RegistryServer.Password),
        });
        var image = TestImages.Create(19, 100);
        var repository = NewRepository("auth");

        await client.CheckAsync();
        var result = await client.PushImageAsync(image.ToPush(repository, "v1"));

        result.ManifestUploaded.ShouldBeTrue();
        (await client.ListTagsAsync(repository)).ShouldBe(["v1"]);
    }

    [Fact]
    public async Task PushImageAsync_WrongPassword_ThrowsAuthenticationExceptionWithoutSecret()
    {
        const string wrong = "not-the-password-0123456789";
        using var client = new RegistryClient(new RegistryClientOptions
        {
            Registry = fixture.Authenticated.Host,
            Credentials = new RegistryCredentials(RegistryServer.Username, wrong),
        });
        var image = TestImages.Create(20, 100);

        var error = await Should.ThrowAsync<RegistryAuthenticationException>(() => client.PushImageAsync(image.ToPush("auth/denied", "v1")));

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Message.ShouldNotContain(wrong);
        error.Message.ShouldContain("AWS");
        new RegistryCredentials("AWS", wrong).ToString().ShouldNotContain(wrong);
    }

    [Fact]
    public async Task CheckAsync_NoCredentialsOnAuthRegistry_ThrowsAuthenticationException()
    {
        using var client = new RegistryClient(new RegistryClientOptions { Registry = fixture.Authenticated.Host });

        var error = await Should.ThrowAsync<RegistryAuthenticationException>(() => client.CheckAsync());

        error.Message.ShouldContain("requires credentials");
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri);
        if (request.Content is not null)
        {
            var bytes = request.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            clone.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return clone;
    }
}

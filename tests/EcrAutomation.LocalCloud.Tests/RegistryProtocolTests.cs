using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>The OCI distribution endpoint over raw HTTP: auth, uploads, mounts, tags, ranges, concurrency.</summary>
public sealed class RegistryProtocolTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, Action<HttpRequestMessage>? configure = null)
    {
        var request = cloud.RegistryRequest(method, path, content);
        configure?.Invoke(request);
        return await cloud.Http.SendAsync(request);
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["code"]!.GetValue<string>();

    [Fact]
    public async Task Base_WithoutAuth_401WithBasicChallenge()
    {
        using var response = await cloud.Http.GetAsync(cloud.Url("/v2/"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldBe($"Basic realm=\"http://{cloud.Server.RegistryHost}/\",service=\"ecr.amazonaws.com\"");
        (await ErrorCodeAsync(response)).ShouldBe("UNAUTHORIZED");
    }

    [Fact]
    public async Task Base_WithToken_200ForGetAndHead()
    {
        using var get = await SendAsync(HttpMethod.Get, "/v2/");
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        get.Headers.GetValues("Docker-Distribution-Api-Version").Single().ShouldBe("registry/2.0");
        using var head = await SendAsync(HttpMethod.Head, "/v2/");
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var noSlash = await SendAsync(HttpMethod.Get, "/v2");
        noSlash.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("AWS:v1.MTIzNDU2Nzg5MDEyfDk5OTk5OTk5OTk.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AWS:not-a-token")]
    [InlineData("admin:password")]
    public async Task Base_ForgedToken_401(string credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, cloud.Url("/v2/"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await cloud.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Push_ToMissingRepository_NameUnknownWithEcrText()
    {
        using var response = await SendAsync(HttpMethod.Post, "/v2/no/such-repo/blobs/uploads/");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        error["code"]!.GetValue<string>().ShouldBe("NAME_UNKNOWN");
        error["message"]!.GetValue<string>().ShouldBe("The repository with name 'no/such-repo' does not exist in the registry with id '123456789012'");
    }

    [Fact]
    public async Task ChunkedUpload_InOrder_Accepted_OutOfOrder_416()
    {
        await cloud.CreateRepositoryAsync("proto/chunked");
        var blob = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        using var start = await SendAsync(HttpMethod.Post, "/v2/proto/chunked/blobs/uploads/");
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var location = start.Headers.Location!.ToString();

        using var first = await SendAsync(HttpMethod.Patch, location, Chunk(blob, 0, 100_000));
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        first.Headers.GetValues("Range").Single().ShouldBe("0-99999");

        using var outOfOrder = await SendAsync(HttpMethod.Patch, location, Chunk(blob, 150_000, 50_000));
        ((int)outOfOrder.StatusCode).ShouldBe(416);

        using var second = await SendAsync(HttpMethod.Patch, location, Chunk(blob, 100_000, 150_000));
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var status = await SendAsync(HttpMethod.Get, location);
        status.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        status.Headers.GetValues("Range").Single().ShouldBe("0-249999");

        var digest = TestImage.Digest(blob);
        using var done = await SendAsync(HttpMethod.Put, location + "?digest=" + digest, new ByteArrayContent(blob[250_000..]));
        done.StatusCode.ShouldBe(HttpStatusCode.Created);
        done.Headers.GetValues("Docker-Content-Digest").Single().ShouldBe(digest);

        using var get = await SendAsync(HttpMethod.Get, $"/v2/proto/chunked/blobs/{digest}");
        (await get.Content.ReadAsByteArrayAsync()).ShouldBe(blob);
    }

    private static ByteArrayContent Chunk(byte[] blob, int offset, int count)
    {
        var content = new ByteArrayContent(blob, offset, count);
        content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + count - 1}");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    [Fact]
    public async Task MonolithicUpload_WrongDigest_DigestInvalidAndNothingStored()
    {
        await cloud.CreateRepositoryAsync("proto/digest");
        var blob = Encoding.UTF8.GetBytes("some content");
        var wrong = TestImage.Digest(Encoding.UTF8.GetBytes("other content"));
        using var response = await SendAsync(HttpMethod.Post, "/v2/proto/digest/blobs/uploads/?digest=" + wrong, new ByteArrayContent(blob));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorCodeAsync(response)).ShouldBe("DIGEST_INVALID");
        using var head = await SendAsync(HttpMethod.Head, $"/v2/proto/digest/blobs/{wrong}");
        head.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var ok = await SendAsync(HttpMethod.Post, "/v2/proto/digest/blobs/uploads/?digest=" + TestImage.Digest(blob), new ByteArrayContent(blob));
        ok.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Upload_ClaimingAnotherRepositorysDigest_RejectedAndNeverLinked()
    {
        await cloud.CreateRepositoryAsync("proto/isolated-b");
        await cloud.CreateRepositoryAsync("proto/isolated-c");
        var image = TestImage.Create("only in b");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/isolated-b", "v1");

        // Monolithic and chunked uploads of other bytes that claim B's layer digest.
        using var monolithic = await SendAsync(HttpMethod.Post, $"/v2/proto/isolated-c/blobs/uploads/?digest={image.LayerDigest}", new ByteArrayContent(Encoding.UTF8.GetBytes("not the layer")));
        monolithic.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorCodeAsync(monolithic)).ShouldBe("DIGEST_INVALID");
        using var start = await SendAsync(HttpMethod.Post, "/v2/proto/isolated-c/blobs/uploads/");
        using var chunked = await SendAsync(HttpMethod.Put, $"{start.Headers.Location}?digest={image.LayerDigest}", new ByteArrayContent(Encoding.UTF8.GetBytes("not the layer either")));
        chunked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorCodeAsync(chunked)).ShouldBe("DIGEST_INVALID");

        using (var head = await SendAsync(HttpMethod.Head, $"/v2/proto/isolated-c/blobs/{image.LayerDigest}"))
        {
            head.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Only the config is really uploaded; B's manifest must not be accepted without B's layer bytes.
        using var config = await SendAsync(HttpMethod.Post, $"/v2/proto/isolated-c/blobs/uploads/?digest={image.ConfigDigest}", new ByteArrayContent(image.Config));
        config.StatusCode.ShouldBe(HttpStatusCode.Created);
        var manifest = new ByteArrayContent(image.Manifest);
        manifest.Headers.ContentType = new MediaTypeHeaderValue(TestImage.OciManifest);
        using var put = await SendAsync(HttpMethod.Put, "/v2/proto/isolated-c/manifests/stolen", manifest);
        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorCodeAsync(put)).ShouldBe("MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task Mount_FromRepositoryHoldingBlob_201_OtherwiseFallsBackTo202()
    {
        await cloud.CreateRepositoryAsync("proto/mount-src");
        await cloud.CreateRepositoryAsync("proto/mount-dst");
        var image = TestImage.Create("mount me");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/mount-src", "v1");

        using (var before = await SendAsync(HttpMethod.Head, $"/v2/proto/mount-dst/blobs/{image.LayerDigest}"))
        {
            before.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using var mounted = await SendAsync(HttpMethod.Post, $"/v2/proto/mount-dst/blobs/uploads/?mount={image.LayerDigest}&from=proto/mount-src");
        mounted.StatusCode.ShouldBe(HttpStatusCode.Created);
        mounted.Headers.GetValues("Docker-Content-Digest").Single().ShouldBe(image.LayerDigest);
        mounted.Headers.Location!.ToString().ShouldBe($"/v2/proto/mount-dst/blobs/{image.LayerDigest}");
        using (var after = await SendAsync(HttpMethod.Head, $"/v2/proto/mount-dst/blobs/{image.LayerDigest}"))
        {
            after.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var unknown = TestImage.Digest(Encoding.UTF8.GetBytes("never pushed"));
        using var fallback = await SendAsync(HttpMethod.Post, $"/v2/proto/mount-dst/blobs/uploads/?mount={unknown}&from=proto/mount-src");
        fallback.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Manifest_ReferencingMissingBlob_ManifestBlobUnknown()
    {
        await cloud.CreateRepositoryAsync("proto/missing-blob");
        var image = TestImage.Create("blobs never uploaded");
        var content = new ByteArrayContent(image.Manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(TestImage.OciManifest);
        using var response = await SendAsync(HttpMethod.Put, "/v2/proto/missing-blob/manifests/v1", content);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorCodeAsync(response)).ShouldBe("MANIFEST_BLOB_UNKNOWN");
    }

    [Fact]
    public async Task TagsList_Paginates_WithLinkHeader()
    {
        await cloud.CreateRepositoryAsync("proto/tags");
        var image = TestImage.Create("tags");
        foreach (var tag in new[] { "c", "a", "e", "b", "d" })
        {
            await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/tags", tag);
        }

        using var page1 = await SendAsync(HttpMethod.Get, "/v2/proto/tags/tags/list?n=2");
        JsonNode.Parse(await page1.Content.ReadAsStringAsync())!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["a", "b"]);
        var link = page1.Headers.GetValues("Link").Single();
        link.ShouldBe("</v2/proto/tags/tags/list?last=b&n=2>; rel=\"next\"");

        using var page2 = await SendAsync(HttpMethod.Get, "/v2/proto/tags/tags/list?last=b&n=2");
        JsonNode.Parse(await page2.Content.ReadAsStringAsync())!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["c", "d"]);
        using var page3 = await SendAsync(HttpMethod.Get, "/v2/proto/tags/tags/list?last=d&n=2");
        JsonNode.Parse(await page3.Content.ReadAsStringAsync())!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["e"]);
        page3.Headers.Contains("Link").ShouldBeFalse();
    }

    [Fact]
    public async Task BlobGet_WithRange_PartialContent()
    {
        await cloud.CreateRepositoryAsync("proto/range");
        var image = TestImage.Create("range", extraBytes: 5000);
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/range", "v1");
        using var response = await SendAsync(HttpMethod.Get, $"/v2/proto/range/blobs/{image.LayerDigest}", configure: r => r.Headers.Range = new RangeHeaderValue(10, 109));
        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(image.Layer[10..110]);
        response.Content.Headers.ContentRange!.ToString().ShouldBe($"bytes 10-109/{image.Layer.Length}");
    }

    [Fact]
    public async Task ManifestPut_ByTag_MovesTagAndKeepsOldImageUntagged()
    {
        await cloud.CreateRepositoryAsync("proto/move");
        var old = TestImage.Create("old");
        var fresh = TestImage.Create("new");
        await old.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/move", "latest");
        await fresh.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/move", "latest");
        using var head = await SendAsync(HttpMethod.Head, "/v2/proto/move/manifests/latest");
        head.Headers.GetValues("Docker-Content-Digest").Single().ShouldBe(fresh.ManifestDigest);
        var untagged = await cloud.EcrOkAsync("ListImages", new { repositoryName = "proto/move", filter = new { tagStatus = "UNTAGGED" } });
        untagged["imageIds"]!.AsArray().Single()!["imageDigest"]!.GetValue<string>().ShouldBe(old.ManifestDigest);
    }

    [Fact]
    public async Task ManifestPut_ImmutableTag_TagInvalidEvenForSameDigest()
    {
        await cloud.CreateRepositoryAsync("proto/immutable", "IMMUTABLE");
        var image = TestImage.Create("immutable");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/immutable", "v1");
        var content = new ByteArrayContent(image.Manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(TestImage.OciManifest);
        using var again = await SendAsync(HttpMethod.Put, "/v2/proto/immutable/manifests/v1", content);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await again.Content.ReadAsStringAsync())!["errors"]![0]!;
        error["code"]!.GetValue<string>().ShouldBe("TAG_INVALID");
        error["message"]!.GetValue<string>().ShouldBe("The image tag 'v1' already exists in the 'proto/immutable' repository and cannot be overwritten because the repository is immutable.");
    }

    [Fact]
    public async Task ManifestDelete_ByDigest_RemovesImageAndCollectsBlobs()
    {
        await cloud.CreateRepositoryAsync("proto/gc");
        var image = TestImage.Create("garbage", extraBytes: 1000);
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/gc", "v1");
        using var deleted = await SendAsync(HttpMethod.Delete, $"/v2/proto/gc/manifests/{image.ManifestDigest}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var manifest = await SendAsync(HttpMethod.Get, "/v2/proto/gc/manifests/v1");
        manifest.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ErrorCodeAsync(manifest)).ShouldBe("MANIFEST_UNKNOWN");
        File.Exists(Path.Combine(cloud.DataDirectory, "blobs", "sha256", image.LayerDigest[7..9], image.LayerDigest[7..])).ShouldBeFalse();
    }

    [Fact]
    public async Task ImageDeleted_WhileAnotherRepositoryPushesSameLayer_LayerKept()
    {
        await cloud.CreateRepositoryAsync("proto/gc-a");
        await cloud.CreateRepositoryAsync("proto/gc-b");
        var image = TestImage.Create("shared by two repositories");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/gc-a", "v1");

        // Repository b uploads the same blobs but has not pushed its manifest yet when a's image is deleted.
        foreach (var blob in new[] { image.Layer, image.Config })
        {
            using var upload = await SendAsync(HttpMethod.Post, "/v2/proto/gc-b/blobs/uploads/?digest=" + TestImage.Digest(blob), new ByteArrayContent(blob));
            upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await cloud.EcrOkAsync("BatchDeleteImage", new { repositoryName = "proto/gc-a", imageIds = new[] { new { imageTag = "v1" } } });
        var content = new ByteArrayContent(image.Manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(TestImage.OciManifest);
        using var manifest = await SendAsync(HttpMethod.Put, "/v2/proto/gc-b/manifests/v1", content);
        manifest.StatusCode.ShouldBe(HttpStatusCode.Created, await manifest.Content.ReadAsStringAsync());
        using var layer = await SendAsync(HttpMethod.Get, $"/v2/proto/gc-b/blobs/{image.LayerDigest}");
        (await layer.Content.ReadAsByteArrayAsync()).ShouldBe(image.Layer);
    }

    [Fact]
    public async Task ConcurrentPushes_SameBlobAndSameTag_StorageStaysConsistent()
    {
        await cloud.CreateRepositoryAsync("proto/concurrent");
        var images = Enumerable.Range(0, 6).Select(i => TestImage.Create("shared", extraBytes: 100_000 + (i % 2))).ToArray();
        await Task.WhenAll(images.Select(image => Task.Run(() => image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "proto/concurrent", "latest"))));

        using var head = await SendAsync(HttpMethod.Head, "/v2/proto/concurrent/manifests/latest");
        var digest = head.Headers.GetValues("Docker-Content-Digest").Single();
        images.Select(i => i.ManifestDigest).ShouldContain(digest);
        foreach (var image in images.DistinctBy(i => i.LayerDigest))
        {
            using var blob = await SendAsync(HttpMethod.Get, $"/v2/proto/concurrent/blobs/{image.LayerDigest}");
            TestImage.Digest(await blob.Content.ReadAsByteArrayAsync()).ShouldBe(image.LayerDigest);
        }

        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "proto/concurrent" });
        var details = described["imageDetails"]!.AsArray();
        details.Count.ShouldBe(2);
        details.Count(d => d!["imageTags"] is not null).ShouldBe(1);
        Directory.EnumerateFiles(Path.Combine(cloud.DataDirectory, "blobs"), ".*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}

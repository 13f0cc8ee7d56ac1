using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>Multi-platform images: an OCI index over two image manifests.</summary>
public sealed class ImageIndexTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";

    private static byte[] Index(params TestImage[] children) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        schemaVersion = 2,
        mediaType = OciIndex,
        manifests = children.Select((c, i) => new
        {
            mediaType = TestImage.OciManifest,
            digest = c.ManifestDigest,
            size = c.Manifest.Length,
            platform = new { architecture = i == 0 ? "amd64" : "arm64", os = "linux" },
        }),
    });

    private async Task<HttpResponseMessage> PutIndexAsync(string repository, string reference, byte[] index)
    {
        var content = new ByteArrayContent(index);
        content.Headers.ContentType = new MediaTypeHeaderValue(OciIndex);
        return await cloud.Http.SendAsync(cloud.RegistryRequest(HttpMethod.Put, $"/v2/{repository}/manifests/{reference}", content));
    }

    [Fact]
    public async Task Index_PushedAfterChildren_DescribedAndProtectsChildren()
    {
        await cloud.CreateRepositoryAsync("index/app");
        var amd64 = TestImage.Create("amd64", extraBytes: 1000);
        var arm64 = TestImage.Create("arm64", extraBytes: 9000);
        var index = Index(amd64, arm64);

        using (var early = await PutIndexAsync("index/app", "multi", index))
        {
            early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            JsonNode.Parse(await early.Content.ReadAsStringAsync())!["errors"]![0]!["code"]!.GetValue<string>().ShouldBe("MANIFEST_BLOB_UNKNOWN");
        }

        await amd64.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "index/app", amd64.ManifestDigest);
        await arm64.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "index/app", arm64.ManifestDigest);
        using (var pushed = await PutIndexAsync("index/app", "multi", index))
        {
            pushed.StatusCode.ShouldBe(HttpStatusCode.Created);
            pushed.Headers.GetValues("Docker-Content-Digest").Single().ShouldBe(TestImage.Digest(index));
        }

        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "index/app", imageIds = new[] { new { imageTag = "multi" } } });
        var detail = described["imageDetails"]![0]!;
        detail["imageManifestMediaType"]!.GetValue<string>().ShouldBe(OciIndex);
        detail["imageSizeInBytes"]!.GetValue<long>().ShouldBe(Math.Max(amd64.Layer.Length, arm64.Layer.Length));

        var refused = await cloud.EcrOkAsync("BatchDeleteImage", new { repositoryName = "index/app", imageIds = new[] { new { imageDigest = amd64.ManifestDigest } } });
        refused["failures"]![0]!["failureCode"]!.GetValue<string>().ShouldBe("ImageReferencedByManifestList");

        using var get = await cloud.Http.SendAsync(cloud.RegistryRequest(HttpMethod.Get, "/v2/index/app/manifests/multi"));
        get.Content.Headers.ContentType!.MediaType.ShouldBe(OciIndex);
        (await get.Content.ReadAsByteArrayAsync()).ShouldBe(index);

        var deleted = await cloud.EcrOkAsync("BatchDeleteImage", new { repositoryName = "index/app", imageIds = new[] { new { imageTag = "multi" } } });
        deleted["imageIds"]!.AsArray().Count.ShouldBe(1);
        var child = await cloud.EcrOkAsync("BatchDeleteImage", new { repositoryName = "index/app", imageIds = new[] { new { imageDigest = amd64.ManifestDigest } } });
        child["failures"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Referrers_ArtifactWithSubject_ListedAndFilteredByArtifactType()
    {
        await cloud.CreateRepositoryAsync("index/referrers");
        var image = TestImage.Create("signed image");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "index/referrers", "v1");
        var empty = "{}"u8.ToArray();
        using (var blob = await cloud.Http.SendAsync(cloud.RegistryRequest(HttpMethod.Post, "/v2/index/referrers/blobs/uploads/?digest=" + TestImage.Digest(empty), new ByteArrayContent(empty))))
        {
            blob.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var emptyDescriptor = new { mediaType = "application/vnd.oci.empty.v1+json", digest = TestImage.Digest(empty), size = 2 };
        var artifact = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = TestImage.OciManifest,
            artifactType = "application/vnd.example.sbom",
            config = emptyDescriptor,
            layers = new[] { emptyDescriptor },
            subject = new { mediaType = TestImage.OciManifest, digest = image.ManifestDigest, size = image.Manifest.Length },
            annotations = new Dictionary<string, string> { ["org.example.kind"] = "sbom" },
        });
        var content = new ByteArrayContent(artifact);
        content.Headers.ContentType = new MediaTypeHeaderValue(TestImage.OciManifest);
        using (var put = await cloud.Http.SendAsync(cloud.RegistryRequest(HttpMethod.Put, $"/v2/index/referrers/manifests/{TestImage.Digest(artifact)}", content)))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
            put.Headers.GetValues("OCI-Subject").Single().ShouldBe(image.ManifestDigest);
        }

        using var referrers = await cloud.Http.SendAsync(cloud.RegistryRequest(HttpMethod.Get, $"/v2/index/referrers/referrers/{image.ManifestDigest}"));
        referrers.Content.Headers.ContentType!.MediaType.ShouldBe(OciIndex);
        var descriptor = JsonNode.Parse(await referrers.Content.ReadAsStringAsync())!["manifests"]!.AsArray().Single()!;
        descriptor["digest"]!.GetValue<string>().ShouldBe(TestImage.Digest(artifact));
        descriptor["artifactType"]!.GetValue<string>().ShouldBe("application/vnd.example.sbom");
        descriptor["annotations"]!["org.example.kind"]!.GetValue<string>().ShouldBe("sbom");

        using var filtered = await cloud.Http.SendAsync(cloud.RegistryRequest(HttpMethod.Get, $"/v2/index/referrers/referrers/{image.ManifestDigest}?artifactType=application/vnd.example.signature"));
        filtered.Headers.GetValues("OCI-Filters-Applied").Single().ShouldBe("artifactType");
        JsonNode.Parse(await filtered.Content.ReadAsStringAsync())!["manifests"]!.AsArray().ShouldBeEmpty();

        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "index/referrers", imageIds = new[] { new { imageDigest = TestImage.Digest(artifact) } } });
        described["imageDetails"]![0]!["subjectManifestDigest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);
    }
}

using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>ECR control-plane semantics over the awsJson1.1 wire protocol.</summary>
public sealed class EcrApiTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private async Task<(string Type, string Message)> ErrorAsync(string operation, object request)
    {
        var (status, body) = await cloud.EcrAsync(operation, request);
        status.ShouldBe(400, body.ToJsonString());
        return (body["__type"]!.GetValue<string>(), body["message"]!.GetValue<string>());
    }

    private async Task PushBlobsAsync(string repository, TestImage image)
    {
        // Layers through the ECR layer-upload API, the way the AWS SDK-based pushers do it (single part each).
        foreach (var blob in new[] { image.Layer, image.Config })
        {
            var started = await cloud.EcrOkAsync("InitiateLayerUpload", new { repositoryName = repository });
            var uploadId = started["uploadId"]!.GetValue<string>();
            await cloud.EcrOkAsync("UploadLayerPart", new { repositoryName = repository, uploadId, partFirstByte = 0, partLastByte = blob.Length - 1, layerPartBlob = Convert.ToBase64String(blob) });
            var completed = await cloud.EcrOkAsync("CompleteLayerUpload", new { repositoryName = repository, uploadId, layerDigests = new[] { TestImage.Digest(blob) } });
            completed["layerDigest"]!.GetValue<string>().ShouldBe(TestImage.Digest(blob));
        }
    }

    [Theory]
    [InlineData("not json {", "The request body is not valid JSON.")]
    [InlineData("", "The request body is not valid JSON.")]
    [InlineData("[\"api/body\"]", "Start of structure or map found where not expected.")]
    [InlineData("null", "Start of structure or map found where not expected.")]
    [InlineData("{\"repositoryName\":42}", "A request member has the wrong type for this operation.")]
    [InlineData("{\"repositoryName\":\"api/body\",\"tags\":{\"Key\":\"k\"}}", "A request member has the wrong type for this operation.")]
    public async Task AnyOperation_BodyNotItsRequestShape_SerializationExceptionSayingWhat(string body, string expected)
    {
        var (status, error) = await cloud.EcrBodyAsync("CreateRepository", body);

        status.ShouldBe(400, error.ToJsonString());
        error["__type"]!.GetValue<string>().ShouldBe("SerializationException");
        error["message"]!.GetValue<string>().ShouldBe(expected);
        var (_, lookup) = await cloud.EcrAsync("DescribeRepositories", new { repositoryNames = new[] { "api/body" } });
        lookup["__type"]!.GetValue<string>().ShouldBe("RepositoryNotFoundException");
    }

    [Fact]
    public async Task DescribeRepositories_Response_AwsWireNamesAndAbsentMembersLeftOut()
    {
        await cloud.CreateRepositoryAsync("api/wire-names");

        var (_, body) = await cloud.EcrAsync("DescribeRepositories", new { repositoryNames = new[] { "api/wire-names" } });

        body.Select(p => p.Key).ShouldBe(["repositories"]);
        var repository = body["repositories"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        repository.Select(p => p.Key).ShouldBe(
            ["repositoryArn", "registryId", "repositoryName", "repositoryUri", "createdAt", "imageTagMutability", "imageScanningConfiguration", "encryptionConfiguration"]);
        repository["encryptionConfiguration"]!.AsObject().Select(p => p.Key).ShouldBe(["encryptionType"]);
        repository["imageScanningConfiguration"]!["scanOnPush"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task CompleteLayerUpload_ClaimingAnotherRepositorysDigest_InvalidLayerAndNeverVisible()
    {
        await cloud.CreateRepositoryAsync("api/isolated-b");
        await cloud.CreateRepositoryAsync("api/isolated-c");
        var image = TestImage.Create("api layer only in b");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/isolated-b", "v1");

        var started = await cloud.EcrOkAsync("InitiateLayerUpload", new { repositoryName = "api/isolated-c" });
        var uploadId = started["uploadId"]!.GetValue<string>();
        var other = Encoding.UTF8.GetBytes("other bytes");
        await cloud.EcrOkAsync("UploadLayerPart", new { repositoryName = "api/isolated-c", uploadId, partFirstByte = 0, partLastByte = other.Length - 1, layerPartBlob = Convert.ToBase64String(other) });
        var (type, _) = await ErrorAsync("CompleteLayerUpload", new { repositoryName = "api/isolated-c", uploadId, layerDigests = new[] { image.LayerDigest } });
        type.ShouldBe("InvalidLayerException");

        var check = await cloud.EcrOkAsync("BatchCheckLayerAvailability", new { repositoryName = "api/isolated-c", layerDigests = new[] { image.LayerDigest } });
        check["failures"]![0]!["failureCode"]!.GetValue<string>().ShouldBe("MissingLayerDigest", check.ToJsonString());
    }

    [Fact]
    public async Task PutLifecyclePolicy_Invalid_AwsWordingPlusRuleAndField()
    {
        await cloud.CreateRepositoryAsync("api/lifecycle-field");
        const string policy = """{"rules":[{"rulePriority":4,"selection":{"tagStatus":"any","countType":"sinceImagePushed","countNumber":7},"action":{"type":"expire"}}]}""";

        var (type, message) = await ErrorAsync("PutLifecyclePolicy", new { repositoryName = "api/lifecycle-field", lifecyclePolicyText = policy });

        type.ShouldBe("InvalidParameterException");
        message.ShouldBe(
            "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: instance failed to match exactly one schema (matched 0 out of 2)"
            + " (rules[0], rulePriority 4, field selection.countUnit: countType \"sinceImagePushed\" requires \"countUnit\": \"days\")");
    }

    [Fact]
    public async Task UploadLayerPart_PartRules_ContiguousAndAtLeastFiveMiBExceptLast()
    {
        await cloud.CreateRepositoryAsync("api/parts");
        var blob = new byte[(6 * 1024 * 1024) + 1000];
        new Random(42).NextBytes(blob);
        const int first = 6 * 1024 * 1024;
        var started = await cloud.EcrOkAsync("InitiateLayerUpload", new { repositoryName = "api/parts" });
        var uploadId = started["uploadId"]!.GetValue<string>();
        started["partSize"]!.GetValue<long>().ShouldBeGreaterThanOrEqualTo(5 * 1024 * 1024);

        var part1 = await cloud.EcrOkAsync("UploadLayerPart", new { repositoryName = "api/parts", uploadId, partFirstByte = 0, partLastByte = first - 1, layerPartBlob = Convert.ToBase64String(blob[..first]) });
        part1["lastByteReceived"]!.GetValue<long>().ShouldBe(first - 1);
        var (type, _) = await ErrorAsync("UploadLayerPart", new { repositoryName = "api/parts", uploadId, partFirstByte = first + 1, partLastByte = blob.Length - 1, layerPartBlob = Convert.ToBase64String(blob[(first + 1)..]) });
        type.ShouldBe("InvalidLayerPartException");
        await cloud.EcrOkAsync("UploadLayerPart", new { repositoryName = "api/parts", uploadId, partFirstByte = first, partLastByte = blob.Length - 1, layerPartBlob = Convert.ToBase64String(blob[first..]) });
        var completed = await cloud.EcrOkAsync("CompleteLayerUpload", new { repositoryName = "api/parts", uploadId, layerDigests = new[] { TestImage.Digest(blob) } });
        completed["layerDigest"]!.GetValue<string>().ShouldBe(TestImage.Digest(blob));

        var small = await cloud.EcrOkAsync("InitiateLayerUpload", new { repositoryName = "api/parts" });
        var smallId = small["uploadId"]!.GetValue<string>();
        await cloud.EcrOkAsync("UploadLayerPart", new { repositoryName = "api/parts", uploadId = smallId, partFirstByte = 0, partLastByte = 9, layerPartBlob = Convert.ToBase64String(new byte[10]) });
        (type, var message) = await ErrorAsync("UploadLayerPart", new { repositoryName = "api/parts", uploadId = smallId, partFirstByte = 10, partLastByte = 19, layerPartBlob = Convert.ToBase64String(new byte[10]) });
        (type, message).ShouldBe(("LayerPartTooSmallException", "Layer parts must be at least 5 MiB in size."));

        (type, _) = await ErrorAsync("CompleteLayerUpload", new { repositoryName = "api/parts", uploadId = smallId, layerDigests = new[] { "sha256:" + new string('0', 64) } });
        type.ShouldBe("InvalidLayerException");
        (type, _) = await ErrorAsync("UploadLayerPart", new { repositoryName = "api/parts", uploadId = "00000000-0000-0000-0000-000000000000", partFirstByte = 0, partLastByte = 0, layerPartBlob = "AA==" });
        type.ShouldBe("UploadNotFoundException");
    }

    [Fact]
    public async Task LayerUploadAndPutImage_ThenBatchGetImage_ReturnsSameManifestBytes()
    {
        await cloud.CreateRepositoryAsync("api/put-image");
        var image = TestImage.Create("api put image");
        var check = await cloud.EcrOkAsync("BatchCheckLayerAvailability", new { repositoryName = "api/put-image", layerDigests = new[] { image.LayerDigest } });
        check["failures"]![0]!["failureCode"]!.GetValue<string>().ShouldBe("MissingLayerDigest");

        await PushBlobsAsync("api/put-image", image);
        check = await cloud.EcrOkAsync("BatchCheckLayerAvailability", new { repositoryName = "api/put-image", layerDigests = new[] { image.LayerDigest } });
        check["layers"]![0]!["layerAvailability"]!.GetValue<string>().ShouldBe("AVAILABLE");
        check["layers"]![0]!["layerSize"]!.GetValue<long>().ShouldBe(image.Layer.Length);

        var manifestText = Encoding.UTF8.GetString(image.Manifest);
        var put = await cloud.EcrOkAsync("PutImage", new { repositoryName = "api/put-image", imageManifest = manifestText, imageTag = "v1" });
        put["image"]!["imageId"]!["imageDigest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);

        var (type, message) = await ErrorAsync("PutImage", new { repositoryName = "api/put-image", imageManifest = manifestText, imageTag = "v1" });
        type.ShouldBe("ImageAlreadyExistsException");
        message.ShouldBe($"Image with digest '{image.ManifestDigest}' and tag 'v1' already exists in the repository with name 'api/put-image' in registry with id '123456789012'");

        var retag = await cloud.EcrOkAsync("PutImage", new { repositoryName = "api/put-image", imageManifest = manifestText, imageTag = "2017.03" });
        retag["image"]!["imageId"]!["imageTag"]!.GetValue<string>().ShouldBe("2017.03");
        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "api/put-image" });
        described["imageDetails"]![0]!["imageTags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["2017.03", "v1"], ignoreOrder: true);

        var got = await cloud.EcrOkAsync("BatchGetImage", new { repositoryName = "api/put-image", imageIds = new object[] { new { imageTag = "v1" }, new { imageTag = "missing" } } });
        got["images"]![0]!["imageManifest"]!.GetValue<string>().ShouldBe(manifestText);
        got["images"]![0]!["imageManifestMediaType"]!.GetValue<string>().ShouldBe(TestImage.OciManifest);
        got["failures"]![0]!["failureCode"]!.GetValue<string>().ShouldBe("ImageNotFound");

        var url = await cloud.EcrOkAsync("GetDownloadUrlForLayer", new { repositoryName = "api/put-image", layerDigest = image.LayerDigest });
        (await cloud.Http.GetByteArrayAsync(url["downloadUrl"]!.GetValue<string>())).ShouldBe(image.Layer);

        var pulled = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "api/put-image" });
        pulled["imageDetails"]![0]!["lastRecordedPullTime"].ShouldNotBeNull();
    }

    [Fact]
    public async Task PutImage_MissingLayersAndWrongDigest_AwsErrors()
    {
        await cloud.CreateRepositoryAsync("api/put-errors");
        var image = TestImage.Create("never uploaded");
        var (type, message) = await ErrorAsync("PutImage", new { repositoryName = "api/put-errors", imageManifest = Encoding.UTF8.GetString(image.Manifest), imageTag = "v1" });
        type.ShouldBe("LayersNotFoundException");
        message.ShouldContain(image.LayerDigest);

        await PushBlobsAsync("api/put-errors", image);
        (type, _) = await ErrorAsync("PutImage", new { repositoryName = "api/put-errors", imageManifest = Encoding.UTF8.GetString(image.Manifest), imageDigest = "sha256:" + new string('a', 64) });
        type.ShouldBe("ImageDigestDoesNotMatchException");
    }

    [Fact]
    public async Task ImmutableRepository_ExistingTag_ImageTagAlreadyExists_ExclusionAllowsMatchingTags()
    {
        await cloud.EcrOkAsync("CreateRepository", new
        {
            repositoryName = "api/immutable",
            imageTagMutability = "IMMUTABLE_WITH_EXCLUSION",
            imageTagMutabilityExclusionFilters = new[] { new { filterType = "WILDCARD", filter = "latest*" } },
        });
        var first = TestImage.Create("immutable 1");
        var second = TestImage.Create("immutable 2");
        await first.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/immutable", "v1");
        await first.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/immutable", "latest");
        await second.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/immutable", "latest");

        var (type, message) = await ErrorAsync("PutImage", new { repositoryName = "api/immutable", imageManifest = Encoding.UTF8.GetString(second.Manifest), imageTag = "v1" });
        type.ShouldBe("ImageTagAlreadyExistsException");
        message.ShouldBe("The image tag 'v1' already exists in the 'api/immutable' repository and cannot be overwritten because the repository is immutable.");

        (type, _) = await ErrorAsync("CreateRepository", new { repositoryName = "api/no-filters", imageTagMutability = "MUTABLE_WITH_EXCLUSION" });
        type.ShouldBe("InvalidParameterException");
        (type, _) = await ErrorAsync("PutImageTagMutability", new { repositoryName = "api/immutable", imageTagMutability = "SOMETIMES" });
        type.ShouldBe("InvalidParameterException");
    }

    [Fact]
    public async Task BatchDeleteImage_LastTagDeletesImage_DigestDeletesAllTags()
    {
        await cloud.CreateRepositoryAsync("api/delete");
        var image = TestImage.Create("delete semantics");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/delete", "a");
        await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/delete", "b");
        var other = TestImage.Create("delete semantics 2");
        await other.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/delete", "c");
        await other.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/delete", "d");

        var byTag = await cloud.EcrOkAsync("BatchDeleteImage", new { repositoryName = "api/delete", imageIds = new[] { new { imageTag = "a" } } });
        byTag["imageIds"]!.AsArray().Count.ShouldBe(1);
        (await cloud.EcrOkAsync("ListImages", new { repositoryName = "api/delete" }))["imageIds"]!.AsArray().Count.ShouldBe(3);
        await cloud.EcrOkAsync("BatchDeleteImage", new { repositoryName = "api/delete", imageIds = new[] { new { imageTag = "b" } } });
        var remaining = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "api/delete" });
        remaining["imageDetails"]!.AsArray().Single()!["imageDigest"]!.GetValue<string>().ShouldBe(other.ManifestDigest);

        var byDigest = await cloud.EcrOkAsync("BatchDeleteImage", new { repositoryName = "api/delete", imageIds = new object[] { new { imageDigest = other.ManifestDigest }, new { imageDigest = "bad" }, new { } } });
        byDigest["imageIds"]!.AsArray().Select(i => i!["imageTag"]!.GetValue<string>()).ShouldBe(["c", "d"], ignoreOrder: true);
        byDigest["failures"]!.AsArray().Select(f => f!["failureCode"]!.GetValue<string>()).ShouldBe(["InvalidImageDigest", "MissingDigestAndTag"]);
    }

    [Fact]
    public async Task DescribeRepositories_Paginates_WithNextToken()
    {
        for (var i = 0; i < 5; i++)
        {
            await cloud.CreateRepositoryAsync($"api/page/r{i}");
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await cloud.EcrOkAsync("DescribeRepositories", token is null ? new { maxResults = 2 } : new { maxResults = 2, nextToken = token });
            names.AddRange(page["repositories"]!.AsArray().Select(r => r!["repositoryName"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        names.Where(n => n.StartsWith("api/page/", StringComparison.Ordinal)).Count().ShouldBe(5);
        names.Distinct().Count().ShouldBe(names.Count);
        pages.ShouldBeGreaterThanOrEqualTo(3);

        var (type, _) = await ErrorAsync("DescribeRepositories", new { maxResults = "two" });
        type.ShouldBe("SerializationException");
        (type, _) = await ErrorAsync("DescribeRepositories", new { maxResults = 1001 });
        type.ShouldBe("InvalidParameterException");
        (type, _) = await ErrorAsync("DescribeRepositories", new { nextToken = "garbage" });
        type.ShouldBe("InvalidParameterException");
    }

    [Fact]
    public async Task DeleteRepository_WithImages_NotEmptyUnlessForced()
    {
        await cloud.CreateRepositoryAsync("api/delete-repo");
        await TestImage.Create("in repo").PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "api/delete-repo", "v1");
        var (type, message) = await ErrorAsync("DeleteRepository", new { repositoryName = "api/delete-repo" });
        type.ShouldBe("RepositoryNotEmptyException");
        message.ShouldBe("The repository with name 'api/delete-repo' in registry with id '123456789012' cannot be deleted because it still contains images");
        var deleted = await cloud.EcrOkAsync("DeleteRepository", new { repositoryName = "api/delete-repo", force = true });
        deleted["repository"]!["repositoryName"]!.GetValue<string>().ShouldBe("api/delete-repo");
        (type, _) = await ErrorAsync("DescribeRepositories", new { repositoryNames = new[] { "api/delete-repo" } });
        type.ShouldBe("RepositoryNotFoundException");
    }

    [Fact]
    public async Task TagsAndPolicies_RoundTrip()
    {
        await cloud.CreateRepositoryAsync("api/tags");
        var arn = "arn:aws:ecr:us-east-1:123456789012:repository/api/tags";
        await cloud.EcrOkAsync("TagResource", new { resourceArn = arn, tags = new[] { new { Key = "team", Value = "core" } } });
        var tags = await cloud.EcrOkAsync("ListTagsForResource", new { resourceArn = arn });
        tags["tags"]![0]!["Key"]!.GetValue<string>().ShouldBe("team");
        var (type, message) = await ErrorAsync("ListTagsForResource", new { resourceArn = "not-an-arn" });
        (type, message).ShouldBe(("InvalidParameterException", "Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'"));
        (type, _) = await ErrorAsync("TagResource", new { resourceArn = arn, tags = new[] { new { Key = new string('k', 129), Value = "v" } } });
        type.ShouldBe("InvalidTagParameterException");

        (type, message) = await ErrorAsync("GetRepositoryPolicy", new { repositoryName = "api/tags" });
        (type, message).ShouldBe(("RepositoryPolicyNotFoundException", "Repository policy does not exist for the repository with name 'api/tags' in the registry with id '123456789012'"));
        (type, message) = await ErrorAsync("SetRepositoryPolicy", new { repositoryName = "api/tags", policyText = "{}" });
        message.ShouldBe("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        (type, message) = await ErrorAsync("GetLifecyclePolicy", new { repositoryName = "api/tags" });
        (type, message).ShouldBe(("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository with name 'api/tags' in the registry with id '123456789012'"));
        (type, message) = await ErrorAsync("GetLifecyclePolicyPreview", new { repositoryName = "api/tags" });
        (type, message).ShouldBe(("LifecyclePolicyPreviewNotFoundException", "There is no dry run for this repository."));
    }

    [Fact]
    public async Task Request_WithoutAuthorization_MissingAuthenticationToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, cloud.Server.Endpoint) { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories");
        using var response = await cloud.Http.SendAsync(request);
        ((int)response.StatusCode).ShouldBe(403);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>().ShouldBe("MissingAuthenticationTokenException");
    }
}

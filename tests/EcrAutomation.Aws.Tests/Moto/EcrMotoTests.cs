using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Tests.Infrastructure;

namespace EcrAutomation.Aws.Tests.Moto;

[Collection(MotoCollection.Name)]
public sealed class EcrMotoTests(MotoFixture moto)
{
    private const string Manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"," +
        "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":7023,\"digest\":\"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7\"}," +
        "\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":32654,\"digest\":\"sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f\"}]}";

    private const string LifecyclePolicy =
        "{\"rules\":[{\"rulePriority\":1,\"description\":\"expire untagged\",\"selection\":{\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":14},\"action\":{\"type\":\"expire\"}}]}";

    private const string RepositoryPolicy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":[\"ecr:BatchGetImage\"]}]}";

    private EcrClient Ecr => moto.Connection.Ecr;

    private static string NewName() => "test/repo-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Repository_CreateDescribeDelete_RoundTripsAndReportsErrors()
    {
        var name = NewName();

        var created = (await Ecr.CreateRepositoryAsync(new CreateRepositoryRequest
        {
            RepositoryName = name,
            Tags = [new EcrTag("team", "platform")],
            ImageTagMutability = "IMMUTABLE",
            ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true },
            EncryptionConfiguration = new EncryptionConfiguration { EncryptionType = "AES256" },
        })).Repository!;

        created.RepositoryName.ShouldBe(name);
        created.RegistryId.ShouldBe("123456789012");
        created.RepositoryArn.ShouldBe($"arn:aws:ecr:us-east-1:123456789012:repository/{name}");
        created.RepositoryUri.ShouldBe($"123456789012.dkr.ecr.us-east-1.amazonaws.com/{name}");
        created.ImageTagMutability.ShouldBe("IMMUTABLE");
        created.ImageScanningConfiguration!.ScanOnPush.ShouldBeTrue();
        created.CreatedAt.ShouldNotBeNull().Year.ShouldBeGreaterThan(2020);

        var again = await Should.ThrowAsync<AwsResourceAlreadyExistsException>(() =>
            Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = name }));
        again.ErrorCode.ShouldBe(EcrErrorCodes.RepositoryAlreadyExists);
        again.ErrorMessage.ShouldContain(name);

        var described = (await Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [name] })).Repositories.ShouldHaveSingleItem();
        described.RepositoryArn.ShouldBe(created.RepositoryArn);
        (await Ecr.FindRepositoryAsync(name)).ShouldNotBeNull();
        (await Ecr.DescribeAllRepositoriesAsync().ToListAsync()).ShouldContain(r => r.RepositoryName == name);

        var deleted = (await Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = name })).Repository!;
        deleted.RepositoryName.ShouldBe(name);

        (await Ecr.FindRepositoryAsync(name)).ShouldBeNull();
        var missing = await Should.ThrowAsync<AwsResourceNotFoundException>(() =>
            Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [name] }));
        missing.ErrorCode.ShouldBe(EcrErrorCodes.RepositoryNotFound);
        (await Should.ThrowAsync<AwsServiceException>(() => Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = name })))
            .ErrorCode.ShouldBe(EcrErrorCodes.RepositoryNotFound);
    }

    [Fact]
    public async Task DeleteRepository_WithImages_IsRepositoryNotEmptyUnlessForced()
    {
        var name = await CreateRepositoryAsync();
        await Ecr.PutImageAsync(new PutImageRequest { RepositoryName = name, ImageManifest = Manifest, ImageTag = "v1" });

        var conflict = await Should.ThrowAsync<AwsResourceConflictException>(() =>
            Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = name }));
        conflict.ErrorCode.ShouldBe(EcrErrorCodes.RepositoryNotEmpty);

        await Ecr.DeleteRepositoryAsync(new DeleteRepositoryRequest { RepositoryName = name, Force = true });
        (await Ecr.FindRepositoryAsync(name)).ShouldBeNull();
    }

    [Fact]
    public async Task LifecyclePolicy_PutGetDelete_RoundTripsAndNotFound()
    {
        var name = await CreateRepositoryAsync();
        var request = new RepositoryRequest { RepositoryName = name };
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Ecr.GetLifecyclePolicyAsync(request)))
            .ErrorCode.ShouldBe(EcrErrorCodes.LifecyclePolicyNotFound);

        var put = await Ecr.PutLifecyclePolicyAsync(new PutLifecyclePolicyRequest { RepositoryName = name, LifecyclePolicyText = LifecyclePolicy });
        put.RepositoryName.ShouldBe(name);
        put.LifecyclePolicyText.ShouldBe(LifecyclePolicy);

        var got = await Ecr.GetLifecyclePolicyAsync(request);
        got.LifecyclePolicyText.ShouldBe(LifecyclePolicy);
        got.RegistryId.ShouldBe("123456789012");

        var deleted = await Ecr.DeleteLifecyclePolicyAsync(request);
        deleted.LifecyclePolicyText.ShouldBe(LifecyclePolicy);
        (await Should.ThrowAsync<AwsServiceException>(() => Ecr.DeleteLifecyclePolicyAsync(request)))
            .ErrorCode.ShouldBe(EcrErrorCodes.LifecyclePolicyNotFound);
    }

    [Fact]
    public async Task RepositoryPolicy_SetGetDelete_RoundTripsAndNotFound()
    {
        var name = await CreateRepositoryAsync();
        var request = new RepositoryRequest { RepositoryName = name };
        (await Should.ThrowAsync<AwsResourceNotFoundException>(() => Ecr.GetRepositoryPolicyAsync(request)))
            .ErrorCode.ShouldBe(EcrErrorCodes.RepositoryPolicyNotFound);

        var set = await Ecr.SetRepositoryPolicyAsync(new SetRepositoryPolicyRequest { RepositoryName = name, PolicyText = RepositoryPolicy });
        set.RepositoryName.ShouldBe(name);
        JsonEquals(set.PolicyText!, RepositoryPolicy);

        JsonEquals((await Ecr.GetRepositoryPolicyAsync(request)).PolicyText!, RepositoryPolicy);
        JsonEquals((await Ecr.DeleteRepositoryPolicyAsync(request)).PolicyText!, RepositoryPolicy);
        (await Should.ThrowAsync<AwsServiceException>(() => Ecr.DeleteRepositoryPolicyAsync(request)))
            .ErrorCode.ShouldBe(EcrErrorCodes.RepositoryPolicyNotFound);
    }

    [Fact]
    public async Task RepositorySettings_PutMutabilityAndScanning_AreEchoedAndDescribed()
    {
        var name = await CreateRepositoryAsync();

        var mutability = await Ecr.PutImageTagMutabilityAsync(new PutImageTagMutabilityRequest { RepositoryName = name, ImageTagMutability = "IMMUTABLE" });
        mutability.ImageTagMutability.ShouldBe("IMMUTABLE");
        mutability.RepositoryName.ShouldBe(name);

        var scanning = await Ecr.PutImageScanningConfigurationAsync(new PutImageScanningConfigurationRequest
        {
            RepositoryName = name,
            ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true },
        });
        scanning.ImageScanningConfiguration!.ScanOnPush.ShouldBeTrue();

        var repository = (await Ecr.FindRepositoryAsync(name))!;
        repository.ImageTagMutability.ShouldBe("IMMUTABLE");
        repository.ImageScanningConfiguration!.ScanOnPush.ShouldBeTrue();

        (await Should.ThrowAsync<AwsResourceNotFoundException>(() =>
            Ecr.PutImageTagMutabilityAsync(new PutImageTagMutabilityRequest { RepositoryName = NewName(), ImageTagMutability = "MUTABLE" })))
            .ErrorCode.ShouldBe(EcrErrorCodes.RepositoryNotFound);
    }

    [Fact]
    public async Task Tags_TagListUntag_RoundTrip()
    {
        var name = await CreateRepositoryAsync();
        var arn = (await Ecr.FindRepositoryAsync(name))!.RepositoryArn!;

        await Ecr.TagResourceAsync(new EcrTagResourceRequest { ResourceArn = arn, Tags = [new EcrTag("env", "test"), new EcrTag("owner", "me")] });
        var tags = (await Ecr.ListTagsForResourceAsync(new EcrListTagsForResourceRequest { ResourceArn = arn })).Tags;
        tags.ShouldContain(new EcrTag("env", "test"));
        tags.ShouldContain(new EcrTag("owner", "me"));

        await Ecr.UntagResourceAsync(new EcrUntagResourceRequest { ResourceArn = arn, TagKeys = ["env"] });
        var after = (await Ecr.ListTagsForResourceAsync(new EcrListTagsForResourceRequest { ResourceArn = arn })).Tags;
        after.ShouldNotContain(t => t.Key == "env");
        after.ShouldContain(new EcrTag("owner", "me"));

        var badArn = await Should.ThrowAsync<AwsServiceException>(() =>
            Ecr.ListTagsForResourceAsync(new EcrListTagsForResourceRequest { ResourceArn = arn.Replace(name, NewName(), StringComparison.Ordinal) }));
        badArn.ErrorCode.ShouldBe(EcrErrorCodes.RepositoryNotFound);
    }

    [Fact]
    public async Task Images_PutDescribeListGetDelete_RoundTrip()
    {
        var name = await CreateRepositoryAsync();
        var put = (await Ecr.PutImageAsync(new PutImageRequest { RepositoryName = name, ImageManifest = Manifest, ImageTag = "v1" })).Image!;
        await Ecr.PutImageAsync(new PutImageRequest { RepositoryName = name, ImageManifest = Manifest, ImageTag = "latest" });
        // moto's digest is not sha256(manifest) (it hashes the layer digests); only its shape is asserted here.
        var digest = put.ImageId!.ImageDigest.ShouldNotBeNull();
        digest.ShouldStartWith("sha256:");

        var detail = (await Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = name })).ImageDetails.ShouldHaveSingleItem();
        detail.ImageDigest.ShouldBe(digest);
        detail.ImageTags!.ShouldBe(["v1", "latest"], ignoreOrder: true);
        detail.ImagePushedAt.ShouldNotBeNull();
        (await Ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = name }).ToListAsync()).Count.ShouldBe(1);

        var ids = await Ecr.ListAllImagesAsync(new ListImagesRequest { RepositoryName = name }).ToListAsync();
        ids.Select(i => i.ImageTag).ShouldBe(["v1", "latest"], ignoreOrder: true);
        ids.ShouldAllBe(i => i.ImageDigest == digest);

        var batch = await Ecr.BatchGetImageAsync(new BatchGetImageRequest
        {
            RepositoryName = name,
            ImageIds = [new ImageIdentifier { ImageTag = "v1" }, new ImageIdentifier { ImageTag = "nope" }],
        });
        batch.Images.ShouldHaveSingleItem().ImageManifest.ShouldNotBeNullOrEmpty();
        batch.Failures.ShouldHaveSingleItem().FailureCode.ShouldBe("ImageNotFound");

        var missing = await Should.ThrowAsync<AwsResourceNotFoundException>(() => Ecr.DescribeImagesAsync(new DescribeImagesRequest
        {
            RepositoryName = name,
            ImageIds = [new ImageIdentifier { ImageTag = "nope" }],
        }));
        missing.ErrorCode.ShouldBe(EcrErrorCodes.ImageNotFound);

        var deleted = await Ecr.BatchDeleteImageAsync(new BatchDeleteImageRequest { RepositoryName = name, ImageIds = [new ImageIdentifier { ImageDigest = digest }] });
        deleted.ImageIds.ShouldNotBeEmpty();
        deleted.Failures.ShouldBeEmpty();
        (await Ecr.ListImagesAsync(new ListImagesRequest { RepositoryName = name })).ImageIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetAuthorizationToken_DecodesToAwsUserAndPassword_AndHidesTokenInToString()
    {
        var data = (await Ecr.GetAuthorizationTokenAsync()).AuthorizationData.ShouldHaveSingleItem();

        var (user, password) = data.DecodeCredentials();
        user.ShouldBe("AWS");
        password.ShouldNotBeNullOrEmpty();
        data.ProxyEndpoint.ShouldBe("https://123456789012.dkr.ecr.us-east-1.amazonaws.com");
        data.ExpiresAt.ShouldNotBeNull();
        data.ToString().ShouldNotContain(data.AuthorizationToken!);
        data.ToString().ShouldNotContain(password);
    }

    private async Task<string> CreateRepositoryAsync()
    {
        var name = NewName();
        await Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = name });
        return name;
    }

    private static void JsonEquals(string actual, string expected) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(actual), System.Text.Json.Nodes.JsonNode.Parse(expected))
            .ShouldBeTrue($"{actual} != {expected}");
}

using System.Text;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>Both AWS CLIs against the local ECR API.</summary>
public sealed class AwsCliEcrTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task CreateRepository_Twice_SecondFailsWithAwsErrorAndExitCode(string cli)
    {
        var name = $"cli-{cli}/create";
        var created = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "create-repository", "--repository-name", name);
        var repository = created["repository"]!;
        repository["repositoryName"]!.GetValue<string>().ShouldBe(name);
        repository["repositoryUri"]!.GetValue<string>().ShouldBe($"{cloud.Server.RegistryHost}/{name}");
        repository["repositoryArn"]!.GetValue<string>().ShouldBe($"arn:aws:ecr:us-east-1:123456789012:repository/{name}");
        repository["imageTagMutability"]!.GetValue<string>().ShouldBe("MUTABLE");

        var again = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "ecr", "create-repository", "--repository-name", name);
        again.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        again.StdErr.ShouldContain($"An error occurred (RepositoryAlreadyExistsException) when calling the CreateRepository operation: The repository with name '{name}' already exists in the registry with id '123456789012'");

        var described = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "describe-repositories", "--repository-names", name);
        described["repositories"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task CreateRepository_InvalidName_InvalidParameterException(string cli)
    {
        var result = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "ecr", "create-repository", "--repository-name", "Upper/Case");
        result.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        result.StdErr.ShouldContain("(InvalidParameterException) when calling the CreateRepository operation: Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task DescribeRepositories_Missing_RepositoryNotFound(string cli)
    {
        var result = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "ecr", "describe-repositories", "--repository-names", "does-not-exist");
        result.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        result.StdErr.ShouldContain("(RepositoryNotFoundException) when calling the DescribeRepositories operation: The repository with name 'does-not-exist' does not exist in the registry with id '123456789012'");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task GetLoginPassword_IsAcceptedByRegistry(string cli)
    {
        var result = (await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "ecr", "get-login-password")).EnsureSuccess("get-login-password");
        var password = result.StdOut.Trim();
        using var request = new HttpRequestMessage(HttpMethod.Get, cloud.Url("/v2/"));
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + password)));
        using var response = await cloud.Http.SendAsync(request);
        ((int)response.StatusCode).ShouldBe(200);

        var token = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "get-authorization-token");
        var data = token["authorizationData"]![0]!;
        Encoding.UTF8.GetString(Convert.FromBase64String(data["authorizationToken"]!.GetValue<string>())).ShouldStartWith("AWS:v1.");
        data["proxyEndpoint"]!.GetValue<string>().ShouldBe("http://" + cloud.Server.RegistryHost);
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task DescribeImages_BatchDeleteImage_FollowRegistryContent(string cli)
    {
        var name = $"cli-{cli}/images";
        await cloud.CreateRepositoryAsync(name);
        var first = TestImage.Create($"first {cli}");
        var second = TestImage.Create($"second {cli}");
        await first.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), name, "v1");
        await second.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), name, "latest");

        var described = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "describe-images", "--repository-name", name);
        var details = described["imageDetails"]!.AsArray();
        details.Count.ShouldBe(2);
        details.Select(d => d!["imageDigest"]!.GetValue<string>()).ShouldBe([first.ManifestDigest, second.ManifestDigest], ignoreOrder: true);
        var firstDetail = details.Single(d => d!["imageDigest"]!.GetValue<string>() == first.ManifestDigest)!;
        firstDetail["imageTags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["v1"]);
        firstDetail["imageSizeInBytes"]!.GetValue<long>().ShouldBe(first.Layer.Length);
        firstDetail["imageManifestMediaType"]!.GetValue<string>().ShouldBe(TestImage.OciManifest);

        var deleted = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "batch-delete-image", "--repository-name", name, "--image-ids", "imageTag=v1", "imageTag=nope");
        deleted["imageIds"]!.AsArray().Single()!["imageDigest"]!.GetValue<string>().ShouldBe(first.ManifestDigest);
        var failure = deleted["failures"]!.AsArray().Single()!;
        failure["failureCode"]!.GetValue<string>().ShouldBe("ImageNotFound");
        failure["failureReason"]!.GetValue<string>().ShouldBe("Requested image not found");

        var missing = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "ecr", "describe-images", "--repository-name", name, "--image-ids", "imageTag=v1");
        missing.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        missing.StdErr.ShouldContain($"(ImageNotFoundException) when calling the DescribeImages operation: The image with imageId {{imageDigest:'null', imageTag:'v1'}} does not exist within the repository with name '{name}' in the registry with id '123456789012'");
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task PutLifecyclePolicy_Invalid_ValidationErrorThenValidStored(string cli)
    {
        var name = $"cli-{cli}/lifecycle";
        await cloud.CreateRepositoryAsync(name);
        var bad = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"keep"}}]}""";
        var result = await AwsCli.RunAsync(cli, cloud.Server.Endpoint, "ecr", "put-lifecycle-policy", "--repository-name", name, "--lifecycle-policy-text", bad);
        result.ExitCode.ShouldBe(AwsCli.ServiceErrorExitCode(cli));
        result.StdErr.ShouldContain("(InvalidParameterException) when calling the PutLifecyclePolicy operation: Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ");

        var good = """{"rules":[{"rulePriority":1,"description":"expire untagged","selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}""";
        var stored = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "put-lifecycle-policy", "--repository-name", name, "--lifecycle-policy-text", good);
        stored["repositoryName"]!.GetValue<string>().ShouldBe(name);
        var fetched = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "get-lifecycle-policy", "--repository-name", name);
        fetched["lifecyclePolicyText"]!.GetValue<string>().ShouldBe(good);
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task ListImages_PageSize_CliFollowsNextToken(string cli)
    {
        var name = $"cli-{cli}/pages";
        await cloud.CreateRepositoryAsync(name);
        var image = TestImage.Create("pages " + cli);
        foreach (var tag in new[] { "t1", "t2", "t3", "t4", "t5" })
        {
            await image.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), name, tag);
        }

        var all = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "list-images", "--repository-name", name, "--page-size", "2");
        all["imageIds"]!.AsArray().Select(i => i!["imageTag"]!.GetValue<string>()).ShouldBe(["t1", "t2", "t3", "t4", "t5"], ignoreOrder: true);

        var firstTwo = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "list-images", "--repository-name", name, "--max-items", "2");
        firstTwo["imageIds"]!.AsArray().Count.ShouldBe(2);
        firstTwo["NextToken"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData(AwsCli.V2)]
    [InlineData(AwsCli.V1)]
    public async Task LifecyclePolicyPreview_ThroughCli_ListsExpiringImage(string cli)
    {
        var name = $"cli-{cli}/preview";
        await cloud.CreateRepositoryAsync(name);
        var old = TestImage.Create("preview old " + cli);
        var fresh = TestImage.Create("preview new " + cli);
        await old.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), name, "latest");
        await fresh.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), name, "latest");
        var policy = """{"rules":[{"rulePriority":1,"description":"keep one untagged","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""";

        var started = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "start-lifecycle-policy-preview", "--repository-name", name, "--lifecycle-policy-text", policy);
        started["status"]!.GetValue<string>().ShouldBe("IN_PROGRESS");
        var preview = await AwsCli.JsonAsync(cli, cloud.Server.Endpoint, "ecr", "get-lifecycle-policy-preview", "--repository-name", name);
        preview["status"]!.GetValue<string>().ShouldBe("COMPLETE");
        var result = preview["previewResults"]!.AsArray().Single()!;
        result["imageDigest"]!.GetValue<string>().ShouldBe(old.ManifestDigest);
        result["action"]!["type"]!.GetValue<string>().ShouldBe("EXPIRE");
        result["appliedRulePriority"]!.GetValue<int>().ShouldBe(1);
        preview["summary"]!["expiringImageTotalCount"]!.GetValue<int>().ShouldBe(1);
    }
}

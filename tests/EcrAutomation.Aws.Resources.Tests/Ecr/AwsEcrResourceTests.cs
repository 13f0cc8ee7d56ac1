using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecr;

namespace EcrAutomation.Aws.Resources.Tests.Ecr;

/// <summary>The aws:ecr resources on their own: in-place updates and the repository policy.</summary>
public sealed class AwsEcrResourceTests : IAsyncLifetime
{
    private readonly LocalCloudStack _cloud = new();

    public Task InitializeAsync() => _cloud.InitializeAsync();
    public Task DisposeAsync() => _cloud.DisposeAsync();

    private static PulumiFn Program(string mutability, IDictionary<string, string> tags, bool scan) => PulumiFn.Create(() =>
    {
        var repository = new Resources.Ecr.Repository("app", new Resources.Ecr.RepositoryArgs
        {
            ImageTagMutability = mutability,
            Tags = new Dictionary<string, string>(tags),
            ImageScanningConfiguration = new Resources.Ecr.ImageScanningConfigurationArgs { ScanOnPush = scan },
        });
        new Resources.Ecr.RepositoryPolicy("pull", new Resources.Ecr.RepositoryPolicyArgs
        {
            Repository = repository.RepositoryName,
            Policy = Resources.Ecr.EcrPolicies.PullAccess("arn:aws:iam::123456789012:root"),
        });
        return new Dictionary<string, object?> { ["arn"] = repository.Arn, ["name"] = repository.RepositoryName };
    });

    [Fact]
    public async Task Update_MutabilityScanningAndTags_InPlace_AndRepositoryPolicyApplied()
    {
        var stack = await _cloud.StackAsync(Program("MUTABLE", new Dictionary<string, string> { ["team"] = "a", ["old"] = "x" }, false));
        var first = await stack.UpAsync();
        var name = (string)first.Outputs["name"].Value!;
        name.ShouldStartWith("app-");
        var policy = await _cloud.Aws.Ecr.GetRepositoryPolicyAsync(new RepositoryRequest { RepositoryName = name });
        foreach (var action in Resources.Ecr.EcrPolicies.PullActions) policy.PolicyText!.ShouldContain(action);

        var up = await stack.UpAsync(new UpOptions { Program = Program("IMMUTABLE", new Dictionary<string, string> { ["team"] = "b" }, true) });
        up.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        up.Summary.ResourceChanges.ContainsKey(OperationType.Replace).ShouldBeFalse();
        var repository = (await _cloud.Aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RepositoryNames = [name] })).Repositories.Single();
        repository.ImageTagMutability.ShouldBe("IMMUTABLE");
        repository.ImageScanningConfiguration!.ScanOnPush.ShouldBeTrue();
        var tags = await _cloud.Aws.Ecr.ListTagsForResourceAsync(new EcrListTagsForResourceRequest { ResourceArn = repository.RepositoryArn! });
        tags.Tags.Select(t => $"{t.Key}={t.Value}").ShouldBe(["team=b"]);

        (await stack.RefreshAsync()).Summary.ResourceChanges!.GetValueOrDefault(OperationType.Update).ShouldBe(0, "refresh finds no drift after an update");
    }

    [Fact]
    public async Task Check_InvalidRepositoryName_FailsAtPreviewWithTheFix()
    {
        var stack = await _cloud.StackAsync(PulumiFn.Create(() => { new Resources.Ecr.Repository("bad", new Resources.Ecr.RepositoryArgs { Name = "Bad_Name/" }); }));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync());
        error.Message.ShouldContain("'Bad_Name/' is not a valid ECR repository name");
    }
}

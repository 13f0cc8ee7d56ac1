using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Awsx.Ecr;
using EcrAutomation.Events;
using EcrAutomation.Aws.Resources.Tests;

namespace EcrAutomation.Awsx.Tests.Repositories;

/// <summary>The seed's first step end to end: awsx:ecr:Repository against the local cloud's ECR.</summary>
public sealed class RepositoryTests : IAsyncLifetime
{
    private readonly LocalCloudStack _cloud = new();

    public Task InitializeAsync() => _cloud.InitializeAsync();
    public Task DisposeAsync() => _cloud.DisposeAsync();

    private static PulumiFn Program(string name = "repository", Awsx.Ecr.RepositoryArgs? args = null) => PulumiFn.Create(() =>
    {
        var repository = new Awsx.Ecr.Repository(name, args);
        return new Dictionary<string, object?> { ["url"] = repository.Url };
    });

    private async Task<string> RepositoryNameAsync(WorkspaceStack stack) =>
        ((string)(await stack.GetOutputsAsync())["url"].Value!).Split('/', 2)[1];

    [Fact]
    public async Task Up_Repository_CreatesFourResourcesAndExportsPushableUrl()
    {
        var stack = await _cloud.StackAsync(Program("Repository"));
        var up = await stack.UpAsync();

        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(4);
        var url = (string)up.Outputs["url"].Value!;
        var name = url.Split('/', 2)[1];
        name.ShouldStartWith("repository-", Case.Sensitive, "awsx lower-cases the logical name");
        name.Length.ShouldBe("repository-".Length + 7);
        url.ShouldStartWith(_cloud.Cloud.RegistryHost + "/");
        up.StandardOutput.ShouldContain("awsx:ecr:Repository");
        up.StandardOutput.ShouldContain("aws:ecr:Repository");
        up.StandardOutput.ShouldContain("aws:ecr:LifecyclePolicy");
        up.StandardOutput.ShouldContain("+ 4 created");

        var policy = await _cloud.Aws.Ecr.GetLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = name });
        policy.LifecyclePolicyText!.ShouldContain("remove untagged images");
        await _cloud.PushTinyImageAsync(name, "v1"); // the url is pushable

        var again = await stack.UpAsync();
        again.Summary.ResourceChanges![OperationType.Same].ShouldBe(4);
        again.StandardOutput.ShouldContain("4 unchanged");
    }

    [Fact]
    public async Task Up_ChangedLifecycleRule_UpdatesPolicyInPlace()
    {
        var stack = await _cloud.StackAsync(Program());
        await stack.UpAsync();
        var name = await RepositoryNameAsync(stack);
        var rules = new Awsx.Ecr.RepositoryArgs
        {
            LifecyclePolicy = new LifecyclePolicyArgs
            {
                Rules =
                [
                    new LifecyclePolicyRuleArgs { TagStatus = "any", MaximumNumberOfImages = 10, Description = "keep 10" },
                    new LifecyclePolicyRuleArgs { TagStatus = "tagged", TagPatternList = ["release-*"], MaximumAgeLimit = 30 },
                ],
            },
        };
        var up = await stack.UpAsync(new UpOptions { Program = Program(args: rules) });

        up.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        up.Summary.ResourceChanges.ContainsKey(OperationType.Replace).ShouldBeFalse();
        var policy = (await _cloud.Aws.Ecr.GetLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = name })).LifecyclePolicyText!;
        policy.IndexOf("release-*", StringComparison.Ordinal).ShouldBeLessThan(policy.IndexOf("keep 10", StringComparison.Ordinal), "the any rule goes last");
        (await stack.UpAsync(new UpOptions { Program = Program(args: rules) })).Summary.ResourceChanges![OperationType.Same].ShouldBe(4, "no perpetual diff");
    }

    [Fact]
    public async Task Preview_InvalidRule_FailsBeforeAnyApiCallNamingTheRule()
    {
        var stack = await _cloud.StackAsync(Program(args: new Awsx.Ecr.RepositoryArgs
        {
            LifecyclePolicy = new LifecyclePolicyArgs { Rules = [new LifecyclePolicyRuleArgs { TagStatus = "tagged", MaximumNumberOfImages = 3 }] },
        }));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync());
        error.Message.ShouldContain("tagPrefixList cannot be empty.");
        (await _cloud.Aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest())).Repositories.ShouldBeEmpty();
    }

    [Fact]
    public async Task Up_ExplicitNameChanged_ReplacesRepository()
    {
        var stack = await _cloud.StackAsync(Program(args: new Awsx.Ecr.RepositoryArgs { Name = "team/app-a" }));
        await stack.UpAsync();
        var up = await stack.UpAsync(new UpOptions { Program = Program(args: new Awsx.Ecr.RepositoryArgs { Name = "team/app-b" }) });

        up.Summary.ResourceChanges![OperationType.Replace].ShouldBeGreaterThanOrEqualTo(1);
        var names = (await _cloud.Aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest())).Repositories.Select(r => r.RepositoryName).ToList();
        names.ShouldBe(["team/app-b"]);
    }

    [Fact]
    public async Task Destroy_WithImages_FailsClearlyWithoutForceDelete_AndSucceedsWithIt()
    {
        var stack = await _cloud.StackAsync(Program());
        await stack.UpAsync();
        var name = await RepositoryNameAsync(stack);
        await _cloud.PushTinyImageAsync(name, "v1");

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.DestroyAsync());
        error.Message.ShouldContain("RepositoryNotEmptyException");
        error.Message.ShouldContain("forceDelete");

        await stack.UpAsync(new UpOptions { Program = Program(args: new Awsx.Ecr.RepositoryArgs { ForceDelete = true }) });
        await stack.DestroyAsync();
        (await _cloud.Aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest())).Repositories.ShouldBeEmpty();
    }

    [Fact]
    public async Task Refresh_PolicyDeletedBehindTheEngine_ShowsDriftAndUpRepairsIt()
    {
        var stack = await _cloud.StackAsync(Program());
        await stack.UpAsync();
        var name = await RepositoryNameAsync(stack);
        await _cloud.Aws.Ecr.DeleteLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = name });

        var refresh = await stack.RefreshAsync();
        refresh.Summary.ResourceChanges![OperationType.Delete].ShouldBe(1);
        var preview = await stack.PreviewAsync();
        preview.ChangeSummary[OperationType.Create].ShouldBe(1);
        await stack.UpAsync();
        (await _cloud.Aws.Ecr.GetLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = name })).LifecyclePolicyText.ShouldNotBeNull();
    }

    [Fact]
    public async Task Destroy_ProtectedRepository_IsRefused()
    {
        var stack = await _cloud.StackAsync(PulumiFn.Create(() =>
        {
            new Aws.Resources.Ecr.Repository("kept", new Aws.Resources.Ecr.RepositoryArgs { Name = "kept" }, new CustomResourceOptions { Protect = true });
        }));
        await stack.UpAsync();
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.DestroyAsync());
        error.Message.ShouldContain("protection");
        (await _cloud.Aws.Ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest())).Repositories.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Import_ExistingRepositoryById_AdoptsIt()
    {
        await _cloud.Aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "existing" });
        var stack = await _cloud.StackAsync(PulumiFn.Create(() =>
        {
            var r = new Aws.Resources.Ecr.Repository("existing", new Aws.Resources.Ecr.RepositoryArgs { Name = "existing" }, new CustomResourceOptions { ImportId = "existing" });
            return new Dictionary<string, object?> { ["arn"] = r.Arn };
        }));
        var up = await stack.UpAsync();
        up.Summary.ResourceChanges![OperationType.Import].ShouldBe(1);
        ((string)up.Outputs["arn"].Value!).ShouldEndWith(":repository/existing");
    }
}

using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources.DeployedImages;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Awsx.Ecr;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Events;
using EcrAutomation.Aws.Resources.Tests;
using EcrAutomation.Aws.Resources.Tests.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>A lifecycle policy that would expire the digest a running task definition uses: warned in preview, refused by up.</summary>
[Collection(EcsCollection.Name)]
public sealed class DeployedImageProtectionTests(EcsCloudFixture cloud)
{
    private static PulumiFn Program(int keep, string? image) => PulumiFn.Create(() =>
    {
        var repository = new Awsx.Ecr.Repository("repo", new Awsx.Ecr.RepositoryArgs
        {
            ForceDelete = true,
            LifecyclePolicy = new LifecyclePolicyArgs { Rules = [new LifecyclePolicyRuleArgs { TagStatus = "any", MaximumNumberOfImages = keep }] },
        });
        if (image is not null)
            new FargateService("svc", new FargateServiceArgs
            {
                Cluster = new Aws.Resources.Ecs.Cluster("cluster").Arn,
                AssignPublicIp = true,
                TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs { Container = new TaskDefinitionContainerDefinitionArgs { Image = repository.Url.Apply(u => u + "@" + image), Memory = 128 } },
            });
        return new Dictionary<string, object?> { ["url"] = repository.Url };
    });

    [Fact(Timeout = 120_000)]
    public async Task LifecyclePolicyExpiringDeployedDigest_WarnsInPreview_FailsUp_AndAppliesWhenAllowed()
    {
        var stack = await cloud.StackAsync("protect", Program(keep: 10, image: null));
        var first = await stack.UpAsync();
        var name = ((string)first.Outputs["url"].Value!).Split('/', 2)[1];
        var deployed = await cloud.PushTinyImageAsync(name, "v1");
        await Task.Delay(1100); // distinct push times: v1 is the older image
        await cloud.PushTinyImageAsync(name, "v2");
        await stack.UpAsync(new UpOptions { Program = Program(keep: 10, image: deployed) });

        var events = new EventLog();
        var preview = await stack.PreviewAsync(new PreviewOptions { Program = Program(keep: 1, image: deployed), OnEvent = events.Handler });
        preview.ChangeSummary[OperationType.Update].ShouldBe(1);
        var warning = events.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ShouldHaveSingleItem().Message;
        warning.ShouldContain($"would expire 1 image that an ACTIVE ECS task definition uses");
        warning.ShouldContain(deployed);
        warning.ShouldContain("container 'container'");

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { Program = Program(keep: 1, image: deployed) }));
        error.Message.ShouldContain(deployed);
        error.Message.ShouldContain(DeployedImageGuard.AllowConfigKey);
        (await cloud.Aws.Ecr.GetLifecyclePolicyAsync(new RepositoryRequest { RepositoryName = name })).LifecyclePolicyText!.ShouldContain("10", Case.Sensitive, "the old policy stays");

        await stack.SetConfigAsync(DeployedImageGuard.AllowConfigKey, new ConfigValue("true"));
        var allowed = await stack.UpAsync(new UpOptions { Program = Program(keep: 1, image: deployed) });
        allowed.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        allowed.StandardOutput.ShouldContain("would expire 1 image");
        await stack.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task LifecyclePolicyExpiringOnlyUndeployedImages_AppliesWithoutWarning()
    {
        var stack = await cloud.StackAsync("unprotected", Program(keep: 10, image: null));
        var first = await stack.UpAsync();
        var name = ((string)first.Outputs["url"].Value!).Split('/', 2)[1];
        await cloud.PushTinyImageAsync(name, "v1");
        await Task.Delay(1100);
        var newest = await cloud.PushTinyImageAsync(name, "v2");
        await stack.UpAsync(new UpOptions { Program = Program(keep: 10, image: newest) });

        var events = new EventLog();
        var up = await stack.UpAsync(new UpOptions { Program = Program(keep: 1, image: newest), OnEvent = events.Handler });
        up.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        events.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ShouldBeEmpty();
        await stack.DestroyAsync();
    }
}

using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Iam;
using EcrAutomation.Aws.Logs;
using EcrAutomation.Aws.Resources.CloudWatch;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;
using AwsIam = EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Aws.Resources.Tests.Ecs;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>Adopting resources created outside the engine by id (import), then managing them without drift.</summary>
[Collection(EcsCollection.Name)]
public sealed class ImportTests(EcsCloudFixture cloud)
{
    [Fact(Timeout = 120_000)]
    public async Task Up_ImportIds_AdoptsRoleLogGroupAndTaskDefinition_ThenNoChanges()
    {
        var aws = cloud.Aws;
        var trust = AwsIam.Role.TrustPolicyFor("ecs-tasks.amazonaws.com");
        await aws.Iam.CreateRoleAsync(new CreateRoleRequest { RoleName = "imported-role", AssumeRolePolicyDocument = trust });
        await aws.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = "imported-logs" });
        var containers = """[{"essential":true,"image":"nginx:1.27","memory":128,"name":"web"}]""";
        var td = (await aws.Ecs.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = "imported-family",
            ContainerDefinitions = [new ContainerDefinition { Name = "web", Image = "nginx:1.27", Memory = 128, Essential = true }],
        })).TaskDefinition!;

        var program = PulumiFn.Create(() =>
        {
            var role = new AwsIam.Role("role", new AwsIam.RoleArgs { Name = "imported-role", AssumeRolePolicy = trust }, new CustomResourceOptions { ImportId = "imported-role" });
            var logs = new Aws.Resources.CloudWatch.LogGroup("logs", new Aws.Resources.CloudWatch.LogGroupArgs { Name = "imported-logs" }, new CustomResourceOptions { ImportId = "imported-logs" });
            var task = new AwsEcs.TaskDefinition("td", new AwsEcs.TaskDefinitionArgs { Family = "imported-family", ContainerDefinitions = containers },
                new CustomResourceOptions { ImportId = $"imported-family:{td.Revision}" });
            return new Dictionary<string, object?> { ["role"] = role.Arn, ["logs"] = logs.Arn, ["td"] = task.Arn };
        });
        var stack = await cloud.StackAsync("import-all", program);
        var up = await stack.UpAsync();

        up.Summary.ResourceChanges![OperationType.Import].ShouldBe(3);
        ((string)up.Outputs["role"].Value!).ShouldEndWith(":role/imported-role");
        ((string)up.Outputs["logs"].Value!).ShouldContain(":log-group:imported-logs");
        ((string)up.Outputs["td"].Value!).ShouldBe(td.TaskDefinitionArn);
        var log = new EventLog();
        var again = await stack.UpAsync(new UpOptions { OnEvent = log.Handler });
        var diffs = string.Join("\n", log.Events.OfType<Events.ResourcePreEvent>().Where(e => e.Metadata.Diffs is { Count: > 0 })
            .Select(e => e.Metadata.Type + ": " + string.Join(",", e.Metadata.Diffs!) + " old=" + System.Text.Json.JsonSerializer.Serialize(e.Metadata.Old?.Inputs) + " new=" + System.Text.Json.JsonSerializer.Serialize(e.Metadata.New?.Inputs)));
        again.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "imported state matches the program: " + diffs);
        await stack.DestroyAsync();
        (await aws.Iam.FindRoleAsync("imported-role")).ShouldBeNull();
    }
}

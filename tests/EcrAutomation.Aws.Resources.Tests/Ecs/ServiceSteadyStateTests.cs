using System.Collections.Immutable;
using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Resources.Ec2;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Aws.Resources.Tests.Ecs;

/// <summary>aws:ecs/service:Service waiting for a steady state: progress diagnostics, a clear timeout, and recovery.</summary>
[Collection(EcsCollection.Name)]
public sealed class ServiceSteadyStateTests(EcsCloudFixture cloud)
{
    // The fixture makes moto report one running task per service, so two desired tasks never become stable.
    private static PulumiFn Program(int desiredCount, bool wait = true) => PulumiFn.Create(() =>
    {
        var cluster = new AwsEcs.Cluster("cluster");
        var vpc = DefaultVpc.Get();
        var sg = new SecurityGroup("sg", new SecurityGroupArgs { VpcId = vpc.Apply(v => v.VpcId) });
        var td = new AwsEcs.TaskDefinition("td", new AwsEcs.TaskDefinitionArgs
        {
            Family = "steady-state-test",
            ContainerDefinitions = """[{"name":"web","image":"public.ecr.aws/nginx/nginx:1.27","memory":128,"essential":true}]""",
            Cpu = "256",
            Memory = "512",
            NetworkMode = "awsvpc",
            RequiresCompatibilities = new InputList<string> { "FARGATE" },
        });
        var service = new AwsEcs.Service("svc", new AwsEcs.ServiceArgs
        {
            Cluster = cluster.Arn,
            TaskDefinition = td.Arn,
            DesiredCount = desiredCount,
            LaunchType = "FARGATE",
            WaitForSteadyState = wait,
            NetworkConfiguration = new AwsEcs.ServiceNetworkConfigurationArgs
            {
                Subnets = vpc.Apply(v => ImmutableArray.CreateRange(v.PublicSubnetIds)),
                SecurityGroups = new InputList<string> { sg.Id },
                AssignPublicIp = true,
            },
        }, new CustomResourceOptions { CustomTimeouts = new CustomTimeouts { Create = TimeSpan.FromSeconds(4), Update = TimeSpan.FromSeconds(4) } });
        return new Dictionary<string, object?> { ["cluster"] = cluster.Arn, ["service"] = service.ServiceName };
    });

    [Fact(Timeout = 120_000)]
    public async Task Up_ServiceNeverStable_ReportsProgressAndTimesOutClearly_NextUpAdoptsTheService()
    {
        var stack = await cloud.StackAsync("steady", Program(desiredCount: 2));
        var events = new EventLog();
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { OnEvent = events.Handler }));
        error.Message.ShouldContain("did not reach a steady state");
        error.Message.ShouldContain("1/2 running");
        events.Diagnostics.ShouldContain(d => d.Severity == EcrAutomation.Events.DiagnosticSeverity.Info && d.Message.Contains("waiting for service") && d.Message.Contains("1/2 running"));

        var retry = new EventLog();
        var up = await stack.UpAsync(new UpOptions { Program = Program(desiredCount: 1), OnEvent = retry.Handler });
        retry.Diagnostics.ShouldContain(d => d.Message.Contains("adopting the existing service"));
        var services = await cloud.Aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = (string)up.Outputs["cluster"].Value!, Services = [(string)up.Outputs["service"].Value!] });
        services.Services.Single().DesiredCount.ShouldBe(1);

        var noWait = await stack.UpAsync(new UpOptions { Program = Program(desiredCount: 3, wait: false) });
        noWait.Summary.ResourceChanges![OperationType.Update].ShouldBe(1, "waitForSteadyState false returns at once");
        await stack.DestroyAsync();
        (await cloud.Aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = (string)up.Outputs["cluster"].Value!, Services = [(string)up.Outputs["service"].Value!] }))
            .Services.Where(s => s.Status == "ACTIVE").ShouldBeEmpty();
    }
}

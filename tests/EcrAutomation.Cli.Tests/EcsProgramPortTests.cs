using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Elb;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Events;
using EcrAutomation.Cli.Programs;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The ECS program serves the demo app on the port the app listens on: the container, the service's load balancer entry,
/// the target group and its health check use the port app/Dockerfile exposes (8080); the listener stays on 80. The
/// program's service part runs in-process against a local cloud with moto, on the real app/Dockerfile built FROM the
/// local cloud's Docker Hub mirror.
/// </summary>
public sealed class EcsProgramPortTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("ecra-ecs-port-").FullName;
    private LocalCloudServer _cloud = null!;

    private string Project => Path.Combine(_root, "project");

    private IReadOnlyDictionary<string, string> AwsConfig => LocalCloudConnection.ProviderConfig(_cloud.Endpoint, FakeAwsEnvironment.Region);

    public async Task InitializeAsync()
    {
        FakeAwsEnvironment.ApplyToProcess();
        DemoApp.CopyTo(Project);
        _cloud = await InProcessLocalCloud.StartAsync(Path.Combine(_root, "cloud"));
    }

    private static PulumiFn Program() => PulumiFn.Create(() =>
    {
        var image = ImageProgram.AppImage(ImageProgram.DemoRepository());
        return new Dictionary<string, object?> { ["url"] = EcsProgram.CreateService(image.ImageUri) };
    });

    [Fact(Timeout = 180_000)]
    public async Task Up_MapsThePortTheAppImageExposes_InTaskDefinitionServiceTargetGroupAndHealthCheck_ListenerStaysOn80()
    {
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("ecs-port", "dev", Program())
        {
            StateRoot = Path.Combine(_root, "state"),
            WorkDir = Project,
            Providers = ProgramCatalog.Providers(Project),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        foreach (var (k, v) in AwsConfig) await stack.SetConfigAsync(k, new ConfigValue(v));
        var diagnostics = new List<DiagnosticEvent>();
        await stack.UpAsync(new UpOptions { OnEvent = e => { if (e is DiagnosticEvent d) lock (diagnostics) diagnostics.Add(d); } });

        var resources = JsonDocument.Parse((await stack.ExportStackAsync()).Json).RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray().ToList();
        string Id(string type) => resources.Single(r => r.GetProperty("type").GetString() == type).GetProperty("id").GetString()!;
        using var aws = AwsConnection.FromStackConfig(AwsConfig);

        var container = (await aws.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = Id("aws:ecs/taskDefinition:TaskDefinition") })).TaskDefinition!.ContainerDefinitions!.Single();
        var mapping = container.PortMappings!.Single();
        (mapping.ContainerPort, mapping.HostPort).ShouldBe((8080, 8080));
        (await ExposedPortsAsync(aws, container.Image!)).ShouldBe(["8080/tcp"], "app/Dockerfile: EXPOSE 8080");

        var serviceArn = Id("aws:ecs/service:Service");
        var service = (await aws.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = Id("aws:ecs/cluster:Cluster"), Services = [serviceArn] })).Services.Single();
        service.LoadBalancers!.Single().ContainerPort.ShouldBe(8080);

        var targetGroup = (await aws.Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [Id("aws:lb/targetGroup:TargetGroup")] })).TargetGroups.Single();
        (targetGroup.Port, targetGroup.HealthCheckPort).ShouldBe((8080, "8080"));
        var listener = (await aws.Elb.DescribeListenersAsync(new DescribeListenersRequest { ListenerArns = [Id("aws:lb/listener:Listener")] })).Listeners.Single();
        listener.Port.ShouldBe(80);

        lock (diagnostics) diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Message).ShouldBeEmpty("the program and the image agree");
        await stack.DestroyAsync();
    }

    /// <summary>The exposed ports in an image's config, read from the local cloud's registry.</summary>
    private static async Task<IReadOnlyList<string>> ExposedPortsAsync(AwsConnection aws, string image)
    {
        var reference = ImageReference.Parse(image);
        var (user, password) = (await aws.Ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest())).AuthorizationData[0].DecodeCredentials();
        using var registry = new RegistryClient(new RegistryClientOptions { Registry = reference.Registry, Credentials = new RegistryCredentials(user, password) });
        var pulled = await registry.PullImageAsync(reference.Repository, reference.Reference);
        return [.. pulled.Config.Config?.ExposedPorts?.Keys ?? []];
    }

    public async Task DisposeAsync()
    {
        await _cloud.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Ecs;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Cli.Programs;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The fault campaign: ten up/destroy cycles of the product's own ecs program (<c>up --program ecs</c>: repository,
/// base and app images built from app/ and pushed, cluster, load balancer, Fargate service) run in-process through the
/// Automation API, its AWS calls (ECR, IAM, EC2, ELBv2, ECS, Logs; the program makes no STS call) going through a proxy
/// in front of a local cloud with moto that fails 20% of them — server errors, throttling in each protocol's own
/// format, and lost responses (the call takes effect, the client sees a 500). Every operation must succeed, and after
/// each the cloud must hold exactly what the state lists. Registry pushes (<c>/v2/</c>) go to the local cloud's
/// registry directly: the repository URL the cloud returns names its own port, not the proxy's.
/// </summary>
public sealed class EcsFaultCampaignTests : IAsyncLifetime
{
    private const int Cycles = 10;

    private readonly string _root = Directory.CreateTempSubdirectory("ecra-ecs-faults-").FullName;
    private LocalCloudServer _cloud = null!;
    private FaultInjectingProxy _proxy = null!;

    private string Project => Path.Combine(_root, "project");

    private static IReadOnlyDictionary<string, string> AwsConfig(Uri endpoint) => LocalCloudConnection.ProviderConfig(endpoint, FakeAwsEnvironment.Region);

    public async Task InitializeAsync()
    {
        FakeAwsEnvironment.ApplyToProcess();
        DemoApp.CopyTo(Project);
        _cloud = await InProcessLocalCloud.StartAsync(Path.Combine(_root, "cloud"));
        _proxy = await FaultInjectingProxy.StartAsync(_cloud.Endpoint);
    }

    [Fact(Timeout = 900_000)]
    public async Task TenUpDestroyCyclesOfTheEcsProgram_TwentyPercentFaultsIncludingLostResponses_AllSucceed_NoOrphansNoDuplicates()
    {
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("ecs-faults", "dev", ProgramCatalog.All["ecs"])
        {
            StateRoot = Path.Combine(_root, "state"),
            WorkDir = Project,
            Providers = ProgramCatalog.Providers(Project),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        foreach (var (k, v) in AwsConfig(_proxy.Endpoint)) await stack.SetConfigAsync(k, new ConfigValue(v));
        using var cloud = AwsConnection.FromStackConfig(AwsConfig(_cloud.Endpoint));
        // The image step logs in once per provider (credentials are cached for hours), so its login meets each fault kind on purpose.
        foreach (var fault in Enum.GetValues<InjectedFault>()) _proxy.Inject("GetAuthorizationToken", fault);
        // Random faults may miss a given create; each create that must be adopted after a lost response meets one for sure.
        string[] creates = ["CreateRole", "CreateSecurityGroup", "RegisterTaskDefinition", "CreateLoadBalancer", "CreateRepository"];
        foreach (var operation in creates) _proxy.Inject(operation, InjectedFault.LostResponse);
        _proxy.FaultRate = 0.2;

        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            var up = await stack.UpAsync();
            up.Summary.Result.ShouldBe(UpdateState.Succeeded, $"cycle {cycle}");
            var listed = CloudInventory.FromExport((await stack.ExportStackAsync()).Json);
            listed.Count.ShouldBe(14, $"cycle {cycle}: the state lists every cloud resource of the program");
            (await CloudInventory.ReadAsync(cloud)).ShouldBe(listed, $"cycle {cycle}: the cloud holds exactly what the state lists (no orphan, no duplicate)");
            (await PushedDigestsAsync(cloud, listed)).ShouldContain(await DeployedDigestAsync(cloud, listed), $"cycle {cycle}: the service runs the app image the up built and pushed");

            await stack.DestroyAsync();
            (await CloudInventory.ReadAsync(cloud)).ShouldBeEmpty($"cycle {cycle}: destroy leaves nothing");
        }

        foreach (var fault in Enum.GetValues<InjectedFault>()) _proxy.Injected.GetValueOrDefault(fault).ShouldBeGreaterThan(10, $"{fault} faults were injected");
        foreach (var operation in creates) _proxy.InjectedInto(operation, InjectedFault.LostResponse).ShouldBeGreaterThan(0, $"{operation} lost a response");
        foreach (var fault in Enum.GetValues<InjectedFault>()) _proxy.InjectedInto("GetAuthorizationToken", fault).ShouldBeGreaterThan(0, $"the image step's login met a {fault}");
    }

    private static string IdOf(IEnumerable<string> listed, string type) => listed.Single(r => r.StartsWith(type + " ", StringComparison.Ordinal))[(type.Length + 1)..];

    private static async Task<List<string>> PushedDigestsAsync(AwsConnection cloud, IEnumerable<string> listed)
    {
        var digests = new List<string>();
        await foreach (var image in cloud.Ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = IdOf(listed, "aws:ecr/repository:Repository") }))
            digests.Add(image.ImageDigest!);
        return digests;
    }

    private static async Task<string> DeployedDigestAsync(AwsConnection cloud, IEnumerable<string> listed)
    {
        var taskDefinition = await cloud.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = IdOf(listed, "aws:ecs/taskDefinition:TaskDefinition") });
        return taskDefinition.TaskDefinition!.ContainerDefinitions!.Single().Image!.Split('@')[1];
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _cloud.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

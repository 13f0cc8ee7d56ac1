using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Awsx.Images;
using EcrAutomation.Awsx.Lb;
using EcrAutomation.Awsx.Tests.Ecs;
using EcrAutomation.Builtins;
using EcrAutomation.Events;
using EcrAutomation.Providers;
using AwsEcr = EcrAutomation.Aws.Resources.Ecr;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;
using AwsxEcr = EcrAutomation.Awsx.Ecr;
using EcrAutomation.Aws.Resources.Tests;
using EcsCloudFixture = EcrAutomation.Aws.Resources.Tests.Ecs.EcsCloudFixture;

namespace EcrAutomation.Awsx.Tests;

/// <summary>
/// Refresh against an unchanged program is a no-op for every resource type we ship: after deploy + refresh, a preview
/// reports <c>same</c> for every resource, and a second refresh writes no state. Real drift is still found and repaired.
/// </summary>
[Collection(EcsCollection.Name)]
public sealed class RefreshNoDiffTests(EcsCloudFixture cloud) : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("ecra-refresh-").FullName;

    /// <summary>Every resource type we ship, from the ECS program plus the repository/image program and random.</summary>
    private static readonly string[] ShippedTypes =
    [
        "aws:ecr/repository:Repository", "aws:ecr/lifecyclePolicy:LifecyclePolicy", "aws:ecr/repositoryPolicy:RepositoryPolicy",
        "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:ec2/securityGroup:SecurityGroup",
        "aws:cloudwatch/logGroup:LogGroup", "aws:lb/loadBalancer:LoadBalancer", "aws:lb/targetGroup:TargetGroup", "aws:lb/listener:Listener",
        "aws:ecs/cluster:Cluster", "aws:ecs/taskDefinition:TaskDefinition", "aws:ecs/service:Service", BuildImage.TypeToken,
        RandomProvider.RandomIdType, RandomProvider.RandomStringType,
    ];

    private PulumiFn Program() => PulumiFn.Create(() =>
    {
        var id = new RandomId("id", new RandomIdArgs { ByteLength = 4 });
        var suffix = new RandomString("suffix", new RandomStringArgs { Length = 6, Special = false, Upper = false });
        var repository = new AwsxEcr.Repository("repository", new AwsxEcr.RepositoryArgs { ForceDelete = true });
        _ = new AwsEcr.RepositoryPolicy("pull", new AwsEcr.RepositoryPolicyArgs
        {
            Repository = repository.AwsRepository.RepositoryName,
            Policy = """{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""",
        });
        var image = new AwsxEcr.Image("image", new AwsxEcr.ImageArgs { RepositoryUrl = repository.Url, Context = "./web" });
        var cluster = new AwsEcs.Cluster("cluster");
        var lb = new ApplicationLoadBalancer("lb", new ApplicationLoadBalancerArgs { DefaultTargetGroup = new Aws.Resources.Lb.TargetGroupArgs { Port = 8080 } });
        EcsPrograms.SeedService(cluster, lb, image.ImageUri, containerPort: 8080);
        return new Dictionary<string, object?> { ["repository"] = repository.AwsRepository.RepositoryName, ["name"] = Output.Format($"{id.Hex}-{suffix.Result}") };
    });

    private async Task<WorkspaceStack> StackAsync(string name)
    {
        var web = Path.Combine(_project, "web");
        Directory.CreateDirectory(web);
        await File.WriteAllTextAsync(Path.Combine(web, "index.html"), $"<p>{name}</p>\n");
        await File.WriteAllTextAsync(Path.Combine(web, "Dockerfile"), "FROM scratch\nCOPY index.html /www/index.html\nEXPOSE 8080\n");
        var providers = AwsProviders.Register(RandomProvider.Register(new ProviderRegistry()));
        AwsxProviders.Register(providers, new ImageProviderOptions { WorkDirectory = _project, CacheDirectory = Path.Combine(_project, "cache") });
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("refresh", name, Program())
        {
            StateRoot = Path.Combine(_project, "state"),
            WorkDir = _project,
            Providers = providers,
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        foreach (var (k, v) in cloud.AwsConfig) await stack.SetConfigAsync(k, new ConfigValue(v));
        return stack;
    }

    private string StateFile(string stack) => Path.Combine(_project, "state", ".pulumi", "stacks", "refresh", stack + ".json");

    private static IReadOnlyList<(OperationType Op, string Type, string Urn)> Steps(EventLog log, bool planning) =>
        [.. log.Events.OfType<ResourceOutputsEvent>().Where(e => e.Planning == planning).Select(e => (e.Metadata.Op, e.Metadata.Type, e.Metadata.Urn))];

    /// <summary>The refresh steps that found a difference, with the properties that differ.</summary>
    private static IReadOnlyList<string> Changed(EventLog log) =>
        [.. log.Events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Diffs is { Count: > 0 }).Select(e => $"{e.Metadata.Urn}: {string.Join(", ", e.Metadata.Diffs!)}")];

    [Fact(Timeout = 300_000)]
    public async Task Refresh_OfUnchangedProgram_PreviewIsSameForEveryShippedType_AndSecondRefreshWritesNoState()
    {
        var stack = await StackAsync("nodiff");
        await stack.UpAsync();

        var first = new EventLog();
        var firstRefresh = await stack.RefreshAsync(new RefreshOptions { OnEvent = first.Handler });
        Changed(first).ShouldBeEmpty("what up recorded is what the cloud reports");
        firstRefresh.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        var preview = new EventLog();
        await stack.PreviewAsync(new PreviewOptions { OnEvent = preview.Handler });
        var steps = Steps(preview, planning: true);
        ShippedTypes.Except(steps.Select(s => s.Type)).ShouldBeEmpty("the program must cover every shipped type");
        steps.Where(s => s.Op != OperationType.Same).Select(s => $"{s.Op} {s.Urn}").ShouldBeEmpty("preview after refresh must report same for every resource");
        (await stack.PreviewAsync(new PreviewOptions { ExpectNoChanges = true })).ChangeSummary.Keys.ShouldBe([OperationType.Same]);

        var before = await File.ReadAllBytesAsync(StateFile("nodiff"));
        var written = File.GetLastWriteTimeUtc(StateFile("nodiff"));
        var second = new EventLog();
        var refresh = await stack.RefreshAsync(new RefreshOptions { OnEvent = second.Handler });
        Changed(second).ShouldBeEmpty("a second refresh must find no differences");
        refresh.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "a second refresh must find nothing to change");
        (await File.ReadAllBytesAsync(StateFile("nodiff"))).ShouldBe(before);
        File.GetLastWriteTimeUtc(StateFile("nodiff")).ShouldBe(written);
        File.Exists(StateFile("nodiff") + ".journal").ShouldBeFalse();

        await stack.DestroyAsync();
    }

    [Fact(Timeout = 300_000)]
    public async Task Refresh_FindsOutOfBandTagMutabilityChange_AndUpRepairsIt()
    {
        var stack = await StackAsync("drift");
        var up = await stack.UpAsync();
        var repository = (string)up.Outputs["repository"].Value!;
        await cloud.Aws.Ecr.PutImageTagMutabilityAsync(new PutImageTagMutabilityRequest { RepositoryName = repository, ImageTagMutability = "IMMUTABLE" });

        var refresh = await stack.RefreshAsync();
        refresh.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        var preview = new EventLog();
        await stack.PreviewAsync(new PreviewOptions { OnEvent = preview.Handler });
        Steps(preview, planning: true).Where(s => s.Op != OperationType.Same).Select(s => (s.Op, s.Type)).ShouldBe([(OperationType.Update, "aws:ecr/repository:Repository")]);

        await stack.UpAsync();
        (await cloud.Aws.Ecr.FindRepositoryAsync(repository))!.ImageTagMutability.ShouldBe("MUTABLE");
        (await stack.PreviewAsync(new PreviewOptions { ExpectNoChanges = true })).ChangeSummary.Keys.ShouldBe([OperationType.Same]);
        await stack.DestroyAsync();
    }

    public void Dispose()
    {
        try { Directory.Delete(_project, recursive: true); } catch (IOException) { }
    }
}

using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Awsx.Ecs;
using EcrAutomation.Awsx.Images;
using EcrAutomation.Events;
using EcrAutomation.Providers;
using AwsEcs = EcrAutomation.Aws.Resources.Ecs;
using AwsxEcr = EcrAutomation.Awsx.Ecr;
using EcrAutomation.Aws.Resources.Tests;
using EcrAutomation.Aws.Resources.Tests.Ecs;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>
/// <c>awsx:ecs:FargateService</c> warns, at preview and up, when a container maps a port its image (read from the stack's
/// registry) does not expose, naming the container, the port and the exposed ports; it is silent when they agree.
/// </summary>
[Collection(EcsCollection.Name)]
public sealed class ExposedPortWarningTests(EcsCloudFixture cloud)
{
    /// <summary>An image in the local cloud whose config exposes 8080/tcp; returns its digest-pinned reference.</summary>
    private async Task<string> ImageExposing8080Async(string name)
    {
        var repository = (await cloud.Aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] })).Repository!;
        var digest = await cloud.PushTinyImageAsync(repository.RepositoryName!, "v1", ["8080/tcp"]);
        return $"{repository.RepositoryUri}@{digest}";
    }

    private static PulumiFn Program(Input<string> image, int containerPort) => PulumiFn.Create(() => Service(image, containerPort));

    private static void Service(Input<string> image, int containerPort)
    {
        var cluster = new AwsEcs.Cluster("cluster");
        _ = new FargateService("service", new FargateServiceArgs
        {
            Cluster = cluster.Arn,
            AssignPublicIp = true,
            TaskDefinitionArgs = new FargateServiceTaskDefinitionArgs
            {
                Container = new TaskDefinitionContainerDefinitionArgs
                {
                    Name = "web",
                    Image = image,
                    Memory = 128,
                    PortMappings = [new TaskDefinitionPortMappingArgs { ContainerPort = containerPort }],
                },
            },
        });
    }

    private static List<DiagnosticEvent> PortWarnings(EventLog log) =>
        [.. log.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("exposes", StringComparison.Ordinal))];

    [Fact(Timeout = 120_000)]
    public async Task PreviewAndUp_WarnOnTheService_WhenTheMappedPortIsNotExposedByTheImage()
    {
        var image = await ImageExposing8080Async("mismatch");
        var stack = await cloud.StackAsync("port-mismatch", Program(image, containerPort: 80));

        var preview = new EventLog();
        await stack.PreviewAsync(new PreviewOptions { OnEvent = preview.Handler });
        var warning = PortWarnings(preview).ShouldHaveSingleItem(string.Join("\n", preview.Diagnostics.Select(d => d.Message)));
        warning.Urn.ShouldNotBeNull().ShouldEndWith("::awsx:ecs:FargateService::service");
        warning.Message.ShouldContain("container 'web' maps port 80/tcp");
        warning.Message.ShouldContain("its image exposes 8080/tcp");

        var up = new EventLog();
        await stack.UpAsync(new UpOptions { OnEvent = up.Handler });
        PortWarnings(up).ShouldHaveSingleItem().Message.ShouldBe(warning.Message);
        await stack.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task PreviewAndUp_AreSilent_WhenTheMappedPortIsExposedByTheImage()
    {
        var image = await ImageExposing8080Async("agree");
        var stack = await cloud.StackAsync("port-agree", Program(image, containerPort: 8080));

        var preview = new EventLog();
        await stack.PreviewAsync(new PreviewOptions { OnEvent = preview.Handler });
        var up = new EventLog();
        await stack.UpAsync(new UpOptions { OnEvent = up.Handler });

        PortWarnings(preview).ShouldBeEmpty();
        PortWarnings(up).ShouldBeEmpty();
        preview.Diagnostics.Where(d => d.Message.Contains("were not checked", StringComparison.Ordinal)).ShouldBeEmpty("the image was read from the registry");
        await stack.DestroyAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task Preview_WarnsFromTheBuildResult_WhenAChangedAppExposesAnotherPort_BeforeItIsPushed()
    {
        var project = Directory.CreateTempSubdirectory("ecra-port-build-").FullName;
        try
        {
            var web = Directory.CreateDirectory(Path.Combine(project, "web")).FullName;
            await File.WriteAllTextAsync(Path.Combine(web, "index.html"), $"<p>{Guid.NewGuid()}</p>\n");
            await File.WriteAllTextAsync(Path.Combine(web, "Dockerfile"), "FROM scratch\nCOPY index.html /www/index.html\nEXPOSE 8080\n");
            var providers = AwsxProviders.Register(AwsProviders.Register(new ProviderRegistry()), new ImageProviderOptions { WorkDirectory = project, CacheDirectory = Path.Combine(project, "cache") });
            var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("ecs-tests", "port-build", PulumiFn.Create(() =>
            {
                var repository = new AwsxEcr.Repository("repository", new AwsxEcr.RepositoryArgs { ForceDelete = true });
                Service(new AwsxEcr.Image("image", new AwsxEcr.ImageArgs { RepositoryUrl = repository.Url, Context = "./web" }).ImageUri, containerPort: 8080);
            }))
            {
                StateRoot = Path.Combine(project, "state"),
                WorkDir = project,
                Providers = providers,
                EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
            });
            foreach (var (k, v) in cloud.AwsConfig) await stack.SetConfigAsync(k, new ConfigValue(v));
            var up = new EventLog();
            await stack.UpAsync(new UpOptions { OnEvent = up.Handler });
            PortWarnings(up).ShouldBeEmpty();

            await File.WriteAllTextAsync(Path.Combine(web, "Dockerfile"), "FROM scratch\nCOPY index.html /www/index.html\nEXPOSE 9090\n");
            var preview = new EventLog();
            await stack.PreviewAsync(new PreviewOptions { OnEvent = preview.Handler });
            PortWarnings(preview).ShouldHaveSingleItem(string.Join("\n", preview.Diagnostics.Select(d => d.Message)))
                .Message.ShouldContain("container 'web' maps port 8080/tcp, but its image exposes 9090/tcp");
            await stack.DestroyAsync();
        }
        finally
        {
            try { Directory.Delete(project, recursive: true); } catch (IOException) { }
        }
    }
}

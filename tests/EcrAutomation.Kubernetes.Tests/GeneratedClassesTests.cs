using EcrAutomation.Automation;
using EcrAutomation.Kubernetes.Types.Inputs.Apps.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Core.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Meta.V1;
using EcrAutomation.Providers;
using AppsV1 = EcrAutomation.Kubernetes.Apps.V1;
using CoreV1 = EcrAutomation.Kubernetes.Core.V1;

namespace EcrAutomation.Kubernetes.Tests;

/// <summary>The generated resource classes with an explicit provider whose kubeconfig is the file's contents, against a local cluster.</summary>
public sealed class GeneratedClassesTests : IAsyncLifetime
{
    private const string Image = "registry.local/my-app:v1";
    private readonly KubernetesCluster _cluster = new();
    private readonly string _root = Directory.CreateTempSubdirectory("k8s-typed-").FullName;

    public async Task InitializeAsync()
    {
        await _cluster.InitializeAsync();
        _cluster.Push(Image);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    /// <summary>The seed's Deployment and LoadBalancer Service, in a namespace the program creates, through its own provider.</summary>
    private PulumiFn Program(int replicas) => PulumiFn.Create(() =>
    {
        var provider = new Provider("cluster", new ProviderArgs { KubeConfig = File.ReadAllText(_cluster.KubeconfigPath), Namespace = "apps" });
        var options = new CustomResourceOptions { Provider = provider };
        _ = new CoreV1.Namespace("apps", new NamespaceArgs { Metadata = new ObjectMetaArgs { Name = "apps" } }, options);
        var labels = new InputMap<string> { { "appClass", "my-app" } };
        var deployment = new AppsV1.Deployment("app-dep", new DeploymentArgs
        {
            Metadata = new ObjectMetaArgs { Labels = labels },
            Spec = new DeploymentSpecArgs
            {
                Selector = new LabelSelectorArgs { MatchLabels = labels },
                Replicas = replicas,
                Template = new PodTemplateSpecArgs
                {
                    Metadata = new ObjectMetaArgs { Labels = labels },
                    Spec = new PodSpecArgs
                    {
                        Containers = { new ContainerArgs { Name = "my-app", Image = Image, Ports = { new ContainerPortArgs { Name = "http", ContainerPort = 8080 } } } },
                    },
                },
            },
        }, options);
        var service = new CoreV1.Service("app-service", new ServiceArgs
        {
            Metadata = new ObjectMetaArgs { Labels = labels },
            Spec = new ServiceSpecArgs
            {
                Type = "LoadBalancer",
                Ports = { new ServicePortArgs { Port = 80, TargetPort = "http" } },
                Selector = labels,
            },
        }, options);
        return new Dictionary<string, object?>
        {
            ["url"] = service.Status.Apply(status => status?.LoadBalancer?.Ingress.FirstOrDefault()?.Hostname ?? ""),
            ["deployment"] = deployment.Metadata.Apply(m => m?.Name ?? ""),
            ["available"] = deployment.Status.Apply(s => s?.AvailableReplicas ?? 0),
        };
    });

    [Fact]
    public async Task SeedProgram_DeploysIntoTheProvidersNamespace_ExportsTheLoadBalancerHostname_ThenScalesAndDestroys()
    {
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("typed", "dev", Program(2))
        {
            StateRoot = Path.Combine(_root, "state"),
            WorkDir = Path.Combine(_root, "work"),
            Providers = KubernetesProviders.Register(new ProviderRegistry(), ProviderHarness.FastOptions),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });

        var up = await stack.UpAsync();

        var url = (string)up.Outputs["url"].Value!;
        url.ShouldEndWith(".us-east-1.elb.amazonaws.com");
        var name = (string)up.Outputs["deployment"].Value!;
        name.ShouldMatch("^app-dep-[0-9a-f]{8}$");
        Convert.ToInt32(up.Outputs["available"].Value).ShouldBe(2);
        (await _cluster.KubectlOkAsync("get", "services", "-n", "apps", "-o", "jsonpath={.items[0].status.loadBalancer.ingress[0].hostname}")).ShouldBe(url);
        (await _cluster.KubectlOkAsync("get", "deployment", name, "-n", "apps", "-o", "jsonpath={.status.readyReplicas}")).ShouldBe("2");

        (await stack.UpAsync()).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        var scaled = await stack.UpAsync(new UpOptions { Program = Program(3) });
        scaled.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        Convert.ToInt32(scaled.Outputs["available"].Value).ShouldBe(3);

        await stack.DestroyAsync();
        (await _cluster.KubectlAsync("get", "namespace", "apps")).ExitCode.ShouldNotBe(0);
        (await _cluster.KubectlOkAsync("get", "deployments,services,pods", "-A", "-o", "name")).ShouldNotContain("app-");
    }
}

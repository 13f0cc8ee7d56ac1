using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Awsx.Tests.Connections;

/// <summary>
/// The embedding case of many tenants in one process: stacks that target different clouds run at the same time, each
/// told its cloud only through its run's provider config, and none of them sees another's cloud.
/// </summary>
public sealed class ConcurrentCloudsTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("ecra-clouds-").FullName;
    private readonly List<Tenant> _tenants = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var tenant in _tenants) await tenant.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact(Timeout = 300_000)]
    public async Task ThreeStacksOnThreeClouds_OneThroughAFaultInjectingEndpoint_DeployAndDestroyConcurrently_WithoutCrossTalk()
    {
        var a = await StartTenantAsync("tenant-a");
        var b = await StartTenantAsync("tenant-b");
        var c = await StartTenantAsync("tenant-c", faulty: true);
        c.Proxy!.Inject("CreateRepository", InjectedFault.LostResponse);

        await Task.WhenAll(_tenants.Select(t => t.UpAsync()));

        foreach (var tenant in _tenants)
            (await tenant.RepositoriesAsync()).ShouldBe([tenant.RepositoryName], $"{tenant.Name}'s cloud holds its own repository and no other");
        c.Proxy.Injected.Values.Sum().ShouldBeGreaterThan(0, "the third stack's calls went through the fault-injecting endpoint");
        c.Proxy.InjectedInto("CreateRepository", InjectedFault.LostResponse).ShouldBe(1);

        await Task.WhenAll(a.DestroyAsync(), c.DestroyAsync());

        (await a.RepositoriesAsync()).ShouldBeEmpty();
        (await c.RepositoriesAsync()).ShouldBeEmpty();
        (await b.RepositoriesAsync()).ShouldBe([b.RepositoryName], "destroying the other tenants leaves this one's repository alone");

        await b.DestroyAsync();
        (await b.RepositoriesAsync()).ShouldBeEmpty();
    }

    private async Task<Tenant> StartTenantAsync(string name, bool faulty = false)
    {
        var cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(_root, name, "cloud"),
            StartMoto = false,
            WriteStateFile = false,
            LifecyclePolicyInterval = null,
        });
        var proxy = faulty ? await FaultInjectingProxy.StartAsync(cloud.Endpoint, faultRate: 0.2, seed: 7) : null;
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("tenants", name, PulumiFn.Create(() =>
        {
            var repository = new Awsx.Ecr.Repository("repository");
            return new Dictionary<string, object?> { ["url"] = repository.Url };
        }))
        {
            StateRoot = Path.Combine(_root, name, "state"),
            WorkDir = Path.Combine(_root, name, "work"),
            Providers = AwsProviders.Register(new ProviderRegistry()),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        var tenant = new Tenant(name, cloud, proxy, stack);
        _tenants.Add(tenant);
        return tenant;
    }

    private sealed class Tenant(string name, LocalCloudServer cloud, FaultInjectingProxy? proxy, WorkspaceStack stack) : IAsyncDisposable
    {
        private readonly AwsConnection _direct = AwsConnection.FromStackConfig(LocalCloudConnection.ProviderConfig(cloud));

        public string Name => name;
        public FaultInjectingProxy? Proxy => proxy;
        public string RepositoryName { get; private set; } = "";

        /// <summary>
        /// The connection for this run only: the tenant's cloud, or the faulty endpoint in front of it; the secret key is
        /// passed as a secret, as a service would pass a tenant's real credentials.
        /// </summary>
        private Dictionary<string, ConfigValue> RunConfig()
        {
            var config = LocalCloudConnection.ProviderConfig(cloud).ToDictionary(kv => kv.Key, kv => new ConfigValue(kv.Value, kv.Key == "aws:secretKey"));
            if (proxy is not null) config["aws:endpoint"] = new ConfigValue(proxy.Endpoint.ToString());
            return config;
        }

        public async Task UpAsync()
        {
            var up = await stack.UpAsync(new UpOptions { ConfigOverrides = RunConfig() });
            up.Summary.Result.ShouldBe(UpdateState.Succeeded, name);
            RepositoryName = ((string)up.Outputs["url"].Value!).Split('/', 2)[1];
            var state = (await stack.ExportStackAsync()).Json;
            state.ShouldContain((proxy?.Endpoint ?? cloud.Endpoint).ToString(), Case.Sensitive, "the run's endpoint is recorded as the aws provider's config");
            state.ShouldNotContain(LocalCloudConnection.SecretKey, Case.Sensitive, "a secret run config value is encrypted in state");
        }

        public async Task DestroyAsync() =>
            (await stack.DestroyAsync(new DestroyOptions { ConfigOverrides = RunConfig() })).Summary.Result.ShouldBe(UpdateState.Succeeded, name);

        /// <summary>The repositories in this tenant's cloud, read directly (never through the proxy).</summary>
        public async Task<List<string>> RepositoriesAsync()
        {
            var names = new List<string>();
            await foreach (var repository in _direct.Ecr.DescribeAllRepositoriesAsync()) names.Add(repository.RepositoryName!);
            return names;
        }

        public async ValueTask DisposeAsync()
        {
            _direct.Dispose();
            stack.Dispose();
            if (proxy is not null) await proxy.DisposeAsync();
            await cloud.DisposeAsync();
        }
    }
}

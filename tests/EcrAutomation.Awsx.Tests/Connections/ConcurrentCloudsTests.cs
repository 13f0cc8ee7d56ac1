using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources;
using Provider = EcrAutomation.Aws.Resources.Provider;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Awsx.Tests.Connections;

/// <summary>
/// The embedding case of many tenants in one process: stacks that target different clouds run at the same time, each
/// told its cloud only through provider config (the run's <c>aws:*</c> config, or an explicit provider), and none of them
/// sees another's cloud.
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
    public async Task ThreeStacksOnThreeClouds_OneThroughAnExplicitProviderAtAFaultInjectingEndpoint_DeployAndDestroyConcurrently_WithoutCrossTalk()
    {
        var a = await StartTenantAsync("tenant-a");
        var b = await StartTenantAsync("tenant-b");
        // The third stack's own config points at tenant A's cloud: only its explicit provider sends it to its own.
        var c = await StartTenantAsync("tenant-c", faulty: true, stackCloud: a);
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

    private async Task<Tenant> StartTenantAsync(string name, bool faulty = false, Tenant? stackCloud = null)
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
            ComponentResourceOptions? options = null;
            if (proxy is not null)
            {
                var provider = new Provider("faulty", new ProviderArgs
                {
                    Region = cloud.Region,
                    Endpoint = proxy.Endpoint.ToString(),
                    AccessKey = LocalCloudConnection.AccessKey,
                    SecretKey = LocalCloudConnection.SecretKey,
                    SkipCredentialsValidation = true,
                });
                options = new ComponentResourceOptions { Provider = provider };
            }
            var repository = new Awsx.Ecr.Repository("repository", null, options);
            return new Dictionary<string, object?> { ["url"] = repository.Url };
        }))
        {
            StateRoot = Path.Combine(_root, name, "state"),
            WorkDir = Path.Combine(_root, name, "work"),
            Providers = AwsProviders.Register(new ProviderRegistry()),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        var tenant = new Tenant(name, cloud, proxy, stack, stackCloud?.Cloud ?? cloud);
        _tenants.Add(tenant);
        return tenant;
    }

    /// <param name="stackCloud">The cloud the stack's run config points at (its default provider's).</param>
    private sealed class Tenant(string name, LocalCloudServer cloud, FaultInjectingProxy? proxy, WorkspaceStack stack, LocalCloudServer stackCloud) : IAsyncDisposable
    {
        private readonly AwsConnection _direct = AwsConnection.FromStackConfig(LocalCloudConnection.ProviderConfig(cloud));

        public string Name => name;
        public LocalCloudServer Cloud => cloud;
        public FaultInjectingProxy? Proxy => proxy;
        public string RepositoryName { get; private set; } = "";

        /// <summary>
        /// The stack's connection for this run only; the secret key is passed as a secret, as a service would pass a
        /// tenant's real credentials.
        /// </summary>
        private Dictionary<string, ConfigValue> RunConfig() =>
            LocalCloudConnection.ProviderConfig(stackCloud).ToDictionary(kv => kv.Key, kv => new ConfigValue(kv.Value, kv.Key == "aws:secretKey"));

        public async Task UpAsync()
        {
            var up = await stack.UpAsync(new UpOptions { ConfigOverrides = RunConfig() });
            up.Summary.Result.ShouldBe(UpdateState.Succeeded, name);
            RepositoryName = ((string)up.Outputs["url"].Value!).Split('/', 2)[1];
            var state = (await stack.ExportStackAsync()).Json;
            state.ShouldNotContain(LocalCloudConnection.SecretKey, Case.Sensitive, "secret config and provider inputs are encrypted in state");
            if (proxy is null) state.ShouldContain(stackCloud.Endpoint.ToString(), Case.Sensitive, "the run's endpoint is recorded as the default aws provider's config");
            else
            {
                // No aws resource uses the default provider, so only the explicit one is recorded.
                state.ShouldNotContain(stackCloud.Endpoint.ToString());
                using var export = System.Text.Json.JsonDocument.Parse(state);
                var resources = export.RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray().ToList();
                var provider = resources.Single(r => r.GetProperty("urn").GetString()!.EndsWith("::pulumi:providers:aws::faulty", StringComparison.Ordinal));
                provider.GetProperty("inputs").GetProperty("endpoint").GetString().ShouldBe(proxy.Endpoint.ToString());
                var reference = provider.GetProperty("urn").GetString() + "::" + provider.GetProperty("id").GetString();
                resources.Where(r => r.GetProperty("type").GetString()!.StartsWith("aws:ecr", StringComparison.Ordinal))
                    .Select(r => r.GetProperty("provider").GetString()).ShouldAllBe(p => p == reference, "the repository and its policy use the explicit provider");
            }
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

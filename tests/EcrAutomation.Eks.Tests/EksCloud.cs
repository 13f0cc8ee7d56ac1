using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.Tests;
using EcrAutomation.Kubernetes;
using EcrAutomation.Providers;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Eks.Tests;

/// <summary>
/// A local cloud of its own (EKS with a Kubernetes API server per cluster, moto for IAM and EC2) reached through a
/// fault-injecting proxy that injects nothing unless a test asks, so a test can also see every AWS call its runs make;
/// stacks get the aws and kubernetes providers.
/// </summary>
public sealed class EksCloud() : LocalCloudWorkspace("eks-tests", startMoto: true)
{
    public FaultInjectingProxy Proxy { get; private set; } = null!;

    /// <summary>The stacks' aws config: the local cloud, through the proxy.</summary>
    public IReadOnlyDictionary<string, string> StackConfig => new Dictionary<string, string>(AwsConfig) { ["aws:endpoint"] = Proxy.Endpoint.ToString() };

    public override async Task InitializeAsync()
    {
        ProviderOptions = new AwsProviderOptions { ServicePollInterval = TimeSpan.FromMilliseconds(200) };
        await base.InitializeAsync();
        try { await Aws.Ec2.GetDefaultVpcAsync(); }
        catch (Exception e)
        {
            throw new InvalidOperationException("moto_server is required for the EKS component tests (pip install 'moto[server]'); the local cloud could not reach it: " + e.Message, e);
        }
        Proxy = await FaultInjectingProxy.StartAsync(Cloud.Endpoint);
    }

    /// <summary>A stack of <paramref name="program"/> with the aws and kubernetes providers, deploying through the proxy.</summary>
    public async Task<WorkspaceStack> EksStackAsync(string stack, PulumiFn program, IReadOnlyDictionary<string, string>? extraConfig = null)
    {
        var providers = AwsProviders.Register(new ProviderRegistry(), ProviderOptions);
        KubernetesProviders.Register(providers);
        var ws = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("eks-tests", stack, program)
        {
            StateRoot = Path.Combine(Root, "state"),
            WorkDir = Path.Combine(Root, "work"),
            Providers = providers,
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        foreach (var (k, v) in StackConfig.Concat(extraConfig ?? new Dictionary<string, string>())) await ws.SetConfigAsync(k, new ConfigValue(v));
        return ws;
    }

    /// <summary>Runs the AWS CLI against the local cloud and returns its standard output (JSON).</summary>
    public async Task<string> AwsCliAsync(params string[] arguments) =>
        (await ExternalTool.RunAsync(ExternalTool.Require("aws", "awscli"), [.. arguments, "--endpoint-url", Cloud.Endpoint.ToString(), "--output", "json"]))
            .EnsureSuccess("aws " + string.Join(' ', arguments)).StdOut;

    public override async Task DisposeAsync()
    {
        if (Proxy is not null) await Proxy.DisposeAsync();
        await base.DisposeAsync();
    }
}

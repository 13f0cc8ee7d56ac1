using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Resources;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>An in-process local cloud plus a workspace whose stacks target it through <c>aws:*</c> stack config.</summary>
public abstract class LocalCloudWorkspace(string project, bool startMoto) : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ecra-" + project + "-").FullName;
    public LocalCloudServer Cloud { get; private set; } = null!;
    public AwsConnection Aws { get; private set; } = null!;

    /// <summary>Whether the local cloud runs ECS tasks as containers; off by default, so services stay moto's record (their images need not exist).</summary>
    protected bool RunContainers { get; set; }

    /// <summary>Without containers, how many tasks each service reports running (<see cref="LocalCloudOptions.RecordedRunningTasksPerService"/>).</summary>
    protected int? RecordedRunningTasksPerService { get; set; }

    /// <summary>Options of the aws providers of every stack of this workspace.</summary>
    protected AwsProviderOptions ProviderOptions { get; set; } = new();

    public IReadOnlyDictionary<string, string> AwsConfig => new Dictionary<string, string>
    {
        ["aws:region"] = "us-east-1",
        ["aws:endpoint"] = Cloud.Endpoint.ToString(),
        ["aws:accessKey"] = FakeAwsEnvironment.AccessKey,
        ["aws:secretKey"] = FakeAwsEnvironment.SecretKey,
    };

    public virtual async Task InitializeAsync()
    {
        FakeAwsEnvironment.ApplyToProcess();
        Cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(Root, "cloud"),
            StartMoto = startMoto,
            WriteStateFile = false,
            LifecyclePolicyInterval = null,
            RunContainers = RunContainers,
            RecordedRunningTasksPerService = RecordedRunningTasksPerService,
        });
        Aws = AwsConnection.FromStackConfig(AwsConfig);
    }

    /// <summary>A stack of <paramref name="program"/> with the aws providers, configured for the local cloud.</summary>
    public async Task<WorkspaceStack> StackAsync(string stack, PulumiFn program, IReadOnlyDictionary<string, string>? extraConfig = null)
    {
        var ws = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs(project, stack, program)
        {
            StateRoot = Path.Combine(Root, "state"),
            WorkDir = Path.Combine(Root, "work"),
            Providers = AwsProviders.Register(new ProviderRegistry(), ProviderOptions),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        foreach (var (k, v) in AwsConfig.Concat(extraConfig ?? new Dictionary<string, string>())) await ws.SetConfigAsync(k, new ConfigValue(v));
        return ws;
    }

    /// <summary>Pushes a minimal image (no layers, a label to make it unique, optionally exposed ports such as <c>8080/tcp</c>) over the registry protocol; returns its digest.</summary>
    public Task<string> PushTinyImageAsync(string repository, string tag, IReadOnlyList<string>? exposedPorts = null) =>
        TinyImage.PushAsync(Aws, Cloud.Endpoint, repository, tag, exposedPorts);

    public virtual async Task DisposeAsync()
    {
        Aws.Dispose();
        await Cloud.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

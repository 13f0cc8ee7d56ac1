using System.Collections.Concurrent;
using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Events;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>
/// One in-process local cloud with moto (ECS, ELBv2, EC2, IAM, Logs) shared by the ECS tests; each test uses its own
/// stack, and every resource is auto-named, so tests do not see each other's resources.
/// </summary>
public sealed class EcsCloudFixture : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ecra-ecs-").FullName;
    public LocalCloudServer Cloud { get; private set; } = null!;
    public AwsConnection Aws { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> AwsConfig => new Dictionary<string, string>
    {
        ["aws:region"] = "us-east-1",
        ["aws:endpoint"] = Cloud.Endpoint.ToString(),
        ["aws:accessKey"] = "AKIDTESTFAKE00000000",
        ["aws:secretKey"] = "test-secret-not-real",
    };

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDTESTFAKE00000000");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "test-secret-not-real");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        // moto 5 reports services as running this many tasks (default 0, which never reaches a steady state); the
        // moto_server child inherits it. The test services all run one task.
        Environment.SetEnvironmentVariable("MOTO_ECS_SERVICE_RUNNING", "1");
        global::EcrAutomation.Aws.Resources.Ecs.ServiceProvider.PollInterval = TimeSpan.FromMilliseconds(200);
        Cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(Root, "cloud"),
            StartMoto = true,
            WriteStateFile = false,
            LifecyclePolicyInterval = null,
        });
        Aws = AwsConnections.For(AwsConfig);
        // Fail loudly when moto is missing: these tests need ECS, ELBv2, EC2, IAM and Logs.
        try { await Aws.Ec2.GetDefaultVpcAsync(); }
        catch (Exception e)
        {
            throw new InvalidOperationException("moto_server is required for the ECS tests (pip install 'moto[server]'); the local cloud could not reach it: " + e.Message, e);
        }
    }

    /// <summary>A stack of the given program that targets the local cloud.</summary>
    public async Task<WorkspaceStack> StackAsync(string stack, PulumiFn program, IReadOnlyDictionary<string, string>? extraConfig = null)
    {
        var ws = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("ecs-tests", stack, program)
        {
            StateRoot = Path.Combine(Root, "state"),
            WorkDir = Path.Combine(Root, "work"),
            Providers = AwsProviders.Register(new ProviderRegistry()),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        foreach (var (k, v) in AwsConfig) await ws.SetConfigAsync(k, new ConfigValue(v));
        foreach (var (k, v) in extraConfig ?? new Dictionary<string, string>()) await ws.SetConfigAsync(k, new ConfigValue(v));
        return ws;
    }

    /// <summary>Pushes a minimal image (empty config, no layers, a label to make it unique) to the local ECR; returns its digest.</summary>
    public async Task<string> PushTinyImageAsync(string repository, string tag)
    {
        var token = await Aws.Ecr.GetAuthorizationTokenAsync();
        using var http = new HttpClient { BaseAddress = Cloud.Endpoint };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", token.AuthorizationData[0].AuthorizationToken);
        var config = System.Text.Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{\"Labels\":{{\"t\":\"{tag}\"}}}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}}}}");
        var configDigest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(config));
        var start = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        start.EnsureSuccessStatusCode();
        var location = start.Headers.Location!.ToString();
        (await http.PutAsync(location + (location.Contains('?') ? "&" : "?") + "digest=" + configDigest, new ByteArrayContent(config))).EnsureSuccessStatusCode();
        var manifest = $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[]}}";
        var content = new StringContent(manifest);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        var response = await http.PutAsync($"/v2/{repository}/manifests/{tag}", content);
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    public async Task DisposeAsync()
    {
        await Cloud.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Records the engine events of one operation.</summary>
public sealed class EventLog
{
    private readonly ConcurrentQueue<EngineEvent> _events = new();

    public Action<EngineEvent> Handler => _events.Enqueue;

    public IReadOnlyList<EngineEvent> Events => [.. _events];

    /// <summary>Resource types (short) in the order their steps of <paramref name="op"/> finished.</summary>
    public List<string> Finished(string op) =>
        [.. _events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Op == op).Select(e => e.Metadata.Type)];

    public IReadOnlyList<(string Type, string Urn)> Steps(string op) =>
        [.. _events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Op == op).Select(e => (e.Metadata.Type, e.Metadata.Urn))];

    public IReadOnlyList<DiagnosticEvent> Diagnostics => [.. _events.OfType<DiagnosticEvent>()];
}

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
    public async Task<string> PushTinyImageAsync(string repository, string tag, IReadOnlyList<string>? exposedPorts = null)
    {
        var token = await Aws.Ecr.GetAuthorizationTokenAsync();
        using var http = new HttpClient { BaseAddress = Cloud.Endpoint };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", token.AuthorizationData[0].AuthorizationToken);
        var exposed = exposedPorts is null ? "" : ",\"ExposedPorts\":{" + string.Join(",", exposedPorts.Select(p => $"\"{p}\":{{}}")) + "}";
        var config = System.Text.Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{{\"Labels\":{{\"t\":\"{tag}\"}}{exposed}}},\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[]}}}}");
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

    public virtual async Task DisposeAsync()
    {
        Aws.Dispose();
        await Cloud.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}

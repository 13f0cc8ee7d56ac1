using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EcrAutomation.Images.Building;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;
using EcrAutomation.Workloads;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcrAutomation.LocalCloud.Tests.Workloads;

/// <summary>
/// The local cloud runs containers from its own registry: images pushed to it (OCI, Docker media types, an index) run in
/// sandboxes of its <see cref="LocalCloudServer.Containers"/> host, and stopping the cloud leaves nothing behind.
/// </summary>
public sealed class LocalCloudContainersTests : IAsyncLifetime
{
    private const string Repository = "demo/web";
    private readonly LocalCloudFixture _cloud = new();
    private readonly string _work = Directory.CreateTempSubdirectory("ecra-lc-containers-").FullName;

    public Task InitializeAsync() => _cloud.InitializeAsync();

    public async Task DisposeAsync()
    {
        var prefix = LocalCloudServer.ContainerNamePrefix(_cloud.DataDirectory);
        var state = Path.Combine(_cloud.DataDirectory, "containers");
        await _cloud.DisposeAsync();
        Directory.Delete(_work, recursive: true);
        ContainerHygiene.Find(prefix, state).ShouldBeEmpty();
    }

    private async Task<BuildResult> PushHttpdAsync(string page, string tag)
    {
        var image = await BusyboxImage.BuildAsync(Path.Combine(_work, tag), """
            COPY www/ /www/
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox"]
            CMD ["httpd", "-f", "-v", "-p", "8080", "-h", "/www"]
            """, new Dictionary<string, string> { ["www/index.html"] = page });
        using var client = new RegistryClient(new RegistryClientOptions { Registry = _cloud.Server.RegistryHost, Credentials = new RegistryCredentials("AWS", _cloud.Server.CreateRegistryPassword()) });
        await client.PushImageAsync(image.ToPushRequest(Repository, tag));
        return image;
    }

    private async Task<string> PutManifestAsync(string tag, string mediaType, byte[] manifest)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _cloud.Http.SendAsync(_cloud.RegistryRequest(HttpMethod.Put, $"/v2/{Repository}/manifests/{tag}", content));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("Docker-Content-Digest").Single();
    }

    private async Task<string> ServeAsync(Sandbox sandbox, string digest)
    {
        await sandbox.StartContainerAsync(new ContainerSpec { Name = "web", Repository = Repository, Digest = digest });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await _cloud.Http.GetStringAsync($"http://{sandbox.Address}:8080/");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task ImagePushedToTheRegistry_RunsInASandbox_AndCountsAsAPull()
    {
        await _cloud.CreateRepositoryAsync(Repository);
        var image = await PushHttpdAsync("served from the local registry\n", "v1");
        var containers = _cloud.Server.Containers.ShouldNotBeNull("the tests run as root with runc and umoci");

        await using var sandbox = await containers.CreateSandboxAsync("task-1");
        (await ServeAsync(sandbox, image.Digest.ToString())).ShouldBe("served from the local registry\n");

        var described = await _cloud.EcrOkAsync("DescribeImages", new { repositoryName = Repository, imageIds = new[] { new { imageTag = "v1" } } });
        described["imageDetails"]![0]!["lastRecordedPullTime"].ShouldNotBeNull();
    }

    [Fact(Timeout = 180_000)]
    public async Task DockerMediaTypesAndImageIndexes_Run()
    {
        await _cloud.CreateRepositoryAsync(Repository);
        var image = await PushHttpdAsync("docker or index\n", "oci");
        var docker = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.DockerManifest,
            ["config"] = new JsonObject { ["mediaType"] = MediaTypes.DockerConfig, ["digest"] = image.ConfigDescriptor.Digest.ToString(), ["size"] = image.ConfigDescriptor.Size },
            ["layers"] = new JsonArray([.. image.Layers.Select(l => (JsonNode)new JsonObject { ["mediaType"] = MediaTypes.DockerLayerGzip, ["digest"] = l.Descriptor.Digest.ToString(), ["size"] = l.Descriptor.Size })]),
        };
        var dockerDigest = await PutManifestAsync("docker", MediaTypes.DockerManifest, System.Text.Encoding.UTF8.GetBytes(docker.ToJsonString()));
        var index = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
            ["manifests"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = MediaTypes.OciManifest,
                ["digest"] = image.Digest.ToString(),
                ["size"] = image.Manifest.Bytes.Length,
                ["platform"] = new JsonObject { ["os"] = "linux", ["architecture"] = "amd64" },
            }),
        };
        var indexDigest = await PutManifestAsync("index", MediaTypes.OciIndex, System.Text.Encoding.UTF8.GetBytes(index.ToJsonString()));
        var containers = _cloud.Server.Containers.ShouldNotBeNull();

        await using var dockerSandbox = await containers.CreateSandboxAsync("docker");
        await using var indexSandbox = await containers.CreateSandboxAsync("index");

        (await ServeAsync(dockerSandbox, dockerDigest)).ShouldBe("docker or index\n");
        (await ServeAsync(indexSandbox, indexDigest)).ShouldBe("docker or index\n");
    }

    [Fact(Timeout = 180_000)]
    public async Task StopAsync_StopsEveryContainer_AndLeavesNoNamespaceVethOrProcess()
    {
        await _cloud.CreateRepositoryAsync(Repository);
        var image = await PushHttpdAsync("stop me\n", "v1");
        var containers = _cloud.Server.Containers.ShouldNotBeNull();
        var sandbox = await containers.CreateSandboxAsync("task-1");
        await ServeAsync(sandbox, image.Digest.ToString());
        var prefix = LocalCloudServer.ContainerNamePrefix(_cloud.DataDirectory);
        ContainerHygiene.Find(prefix).ShouldNotBeEmpty();

        await _cloud.Server.StopAsync();

        ContainerHygiene.Find(prefix, Path.Combine(_cloud.DataDirectory, "containers")).ShouldBeEmpty();
    }

    [Fact(Timeout = 180_000)]
    public async Task StartAsync_RemovesWhatAKilledRunOnTheSameDataDirectoryLeft()
    {
        await _cloud.CreateRepositoryAsync(Repository);
        var image = await PushHttpdAsync("left behind\n", "v1");
        var data = _cloud.DataDirectory;
        var prefix = LocalCloudServer.ContainerNamePrefix(data);
        var layout = image.OciLayoutPath;
        await _cloud.Server.StopAsync();

        // A host that is never disposed stands for a local cloud killed with SIGKILL: its container keeps running.
        var abandoned = await ContainerHost.StartAsync(
            new ContainerHostOptions { StateDirectory = Path.Combine(data, "containers"), NamePrefix = prefix, Images = new OciLayoutImageStore(layout) },
            NullLogger.Instance);
        var sandbox = await abandoned.CreateSandboxAsync("orphan");
        await sandbox.StartContainerAsync(new ContainerSpec { Name = "web", Repository = Repository, Digest = image.Digest.ToString() });
        ContainerHygiene.Find(prefix).Count.ShouldBeGreaterThanOrEqualTo(4, "runc container, processes, netns and veth");

        await using var restarted = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = data, StartMoto = false });

        ContainerHygiene.Find(prefix, Path.Combine(data, "containers")).ShouldBeEmpty();
        restarted.Containers.ShouldNotBeNull();
    }

    [Fact(Timeout = 60_000)]
    public async Task RunContainersOff_HasNoContainerHost()
    {
        var data = Path.Combine(_work, "off");
        await using var server = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = data, StartMoto = false, RunContainers = false });

        server.Containers.ShouldBeNull();
        Directory.Exists(Path.Combine(data, "containers")).ShouldBeFalse();
    }

    [Fact]
    public void ContainerNamePrefix_IsStablePerDataDirectory_AndDiffersBetweenThem()
    {
        var prefix = LocalCloudServer.ContainerNamePrefix("/data/one");

        prefix.ShouldMatch("^lc[0-9a-f]{6}$");
        LocalCloudServer.ContainerNamePrefix("/data/one/").ShouldBe(prefix);
        LocalCloudServer.ContainerNamePrefix("/data/two").ShouldNotBe(prefix);
    }
}

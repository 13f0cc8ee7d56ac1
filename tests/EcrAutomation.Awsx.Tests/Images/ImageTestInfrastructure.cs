using System.Collections.Immutable;
using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Awsx.Ecr;
using Image = EcrAutomation.Awsx.Ecr.Image;
using EcrAutomation.Awsx.Images;
using EcrAutomation.Events;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Awsx.Tests.Images;

/// <summary>Fake credentials and a loopback-only AWS setup for every test (and the processes it starts).</summary>
internal static class TestEnvironment
{
    public const string AccessKey = FakeAwsEnvironment.AccessKey;
    public const string SecretKey = FakeAwsEnvironment.SecretKey;
    public const string Region = FakeAwsEnvironment.Region;

    public static void Apply() => FakeAwsEnvironment.ApplyToProcess();

    /// <summary>The repository root (holding app/ and EcrAutomation.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "app", "Dockerfile")) && Directory.Exists(Path.Combine(dir.FullName, "src"))) return dir.FullName;
        }

        throw new InvalidOperationException("the repository root (with app/Dockerfile) was not found above " + AppContext.BaseDirectory);
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }
}

/// <summary>One in-process local cloud (ECR API + registry, no moto) shared by a test class.</summary>
public sealed class LocalCloudFixture : IAsyncLifetime
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("awsx-image-cloud-").FullName;

    public LocalCloudServer Server { get; private set; } = null!;

    public AwsConnection Aws { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TestEnvironment.Apply();
        Server = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = 0,
            DataDirectory = DataDirectory,
            StartMoto = false,
            LifecyclePolicyInterval = null,
            WriteStateFile = false,
        });
        Aws = AwsConnection.Create(new AwsConnectionOptions
        {
            Region = TestEnvironment.Region,
            AccessKey = TestEnvironment.AccessKey,
            SecretKey = TestEnvironment.SecretKey,
            Endpoint = Server.Endpoint,
        });
    }

    public async Task DisposeAsync()
    {
        Aws.Dispose();
        await Server.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Creates a fresh repository and returns its URL.</summary>
    public async Task<string> CreateRepositoryAsync(string prefix = "app")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var created = await Aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = name });
        return created.Repository!.RepositoryUri!;
    }

    public async Task<IReadOnlyList<ImageDetail>> DescribeImagesAsync(string repositoryUrl)
    {
        var name = repositoryUrl[(repositoryUrl.IndexOf('/') + 1)..];
        var images = new List<ImageDetail>();
        await foreach (var image in Aws.Ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = name })) images.Add(image);
        return images;
    }
}

/// <summary>
/// One test's world: a project folder holding a copy of app/, a state root, an image provider with its own cache, a fresh
/// repository in the local cloud, and every engine event.
/// </summary>
public sealed class ImageWorld : IDisposable
{
    private readonly LocalCloudFixture _cloud;

    private ImageWorld(LocalCloudFixture cloud, string repositoryUrl, string? dockerHost)
    {
        _cloud = cloud;
        RepositoryUrl = repositoryUrl;
        Root = Directory.CreateTempSubdirectory("awsx-image-test-").FullName;
        WorkDir = Path.Combine(Root, "project");
        TestEnvironment.CopyDirectory(Path.Combine(TestEnvironment.RepositoryRoot(), "app"), AppDir);
        // A unique page per test: the local cloud's blob store is shared, and each test must upload its own app layer.
        File.AppendAllText(Path.Combine(AppDir, "www", "index.html"), $"<!-- {Path.GetFileName(Root)} -->\n");
        Provider = new ImageProvider(new ImageProviderOptions
        {
            WorkDirectory = WorkDir,
            CacheDirectory = Path.Combine(Root, "cache"),
            DockerHost = dockerHost ?? "unix://" + Path.Combine(Root, "no-docker.sock"),
        });
    }

    public static async Task<ImageWorld> CreateAsync(LocalCloudFixture cloud, string? dockerHost = null) =>
        new(cloud, await cloud.CreateRepositoryAsync(), dockerHost);

    public string Root { get; }
    public string WorkDir { get; }
    public string AppDir => Path.Combine(WorkDir, "app");
    public string RepositoryUrl { get; }
    internal ImageProvider Provider { get; }
    public List<EngineEvent> Events { get; } = [];

    /// <summary>The seed's program against a plain repository URL: ./app built (FROM busybox, from the local cloud's Docker Hub mirror) and pushed.</summary>
    public PulumiFn DemoProgram(ImageBuilder? builder = null) => PulumiFn.Create(() =>
    {
        var image = new Image("image", new ImageArgs { RepositoryUrl = RepositoryUrl, Path = "./app", Builder = builder });
        return new Dictionary<string, object?> { ["url"] = RepositoryUrl, ["image"] = image.ImageUri, ["tag"] = image.Tag };
    });

    /// <summary>A program with a single image built from a folder under the project.</summary>
    public PulumiFn SingleImageProgram(string context, ImageBuilder? builder = null, IDictionary<string, string>? args = null) => PulumiFn.Create(() =>
    {
        var image = new Image("single", new ImageArgs
        {
            RepositoryUrl = RepositoryUrl,
            Context = context,
            Builder = builder,
            Args = args is null ? null : (InputMap<string>)new Dictionary<string, string>(args),
        });
        return new Dictionary<string, object?> { ["image"] = image.ImageUri, ["tag"] = image.Tag };
    });

    public async Task<WorkspaceStack> StackAsync(PulumiFn program, ProviderRegistry? providers = null)
    {
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("images", "dev", program)
        {
            StateRoot = Path.Combine(Root, "state"),
            WorkDir = WorkDir,
            Providers = (providers ?? new ProviderRegistry()).Add(Provider, BuildImage.TypeToken),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test-passphrase" },
        });
        await stack.SetConfigAsync("aws:region", new ConfigValue(TestEnvironment.Region));
        await stack.SetConfigAsync("aws:endpoint", new ConfigValue(_cloud.Server.Endpoint.ToString()));
        await stack.SetConfigAsync("aws:accessKey", new ConfigValue(TestEnvironment.AccessKey));
        await stack.SetConfigAsync("aws:secretKey", new ConfigValue(TestEnvironment.SecretKey, IsSecret: true));
        await stack.SetConfigAsync("docker-build:dockerHubMirror", new ConfigValue(_cloud.Server.Endpoint.ToString()));
        return stack;
    }

    public UpOptions Up(PulumiFn? program = null) => new() { Program = program, OnEvent = Record };

    public PreviewOptions Preview(PulumiFn? program = null) => new() { Program = program, OnEvent = Record };

    public string StateFile() => Path.Combine(Root, "state", ".pulumi", "stacks", "images", "dev.json");

    /// <summary>Diagnostic messages attached to resources of a type.</summary>
    public IReadOnlyList<string> Diagnostics(string? urnSuffix = null)
    {
        lock (Events)
        {
            return [.. Events.OfType<DiagnosticEvent>().Where(d => urnSuffix is null || (d.Urn?.EndsWith(urnSuffix, StringComparison.Ordinal) ?? false)).Select(d => d.Message)];
        }
    }

    /// <summary>The last outputs event of a build resource (the child of the named component).</summary>
    public StepEventMetadata ChildStep(string urnSuffix, bool planning)
    {
        lock (Events)
        {
            return Events.OfType<ResourceOutputsEvent>()
                .Last(e => e.Planning == planning && e.Metadata.Type == BuildImage.TypeToken && e.Metadata.Urn.EndsWith(urnSuffix, StringComparison.Ordinal)).Metadata;
        }
    }

    public string EventsJson()
    {
        lock (Events) return string.Join("\n", Events.Select(EngineEventJson.Serialize));
    }

    public Task<IReadOnlyList<ImageDetail>> DescribeImagesAsync() => _cloud.DescribeImagesAsync(RepositoryUrl);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void Record(EngineEvent e)
    {
        lock (Events) Events.Add(e);
    }
}

internal static class OutputExtensions
{
    public static string Text(this IImmutableDictionary<string, OutputValue> outputs, string key) => (string)outputs[key].Value!;
}

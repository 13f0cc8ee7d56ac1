using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Awsx.Ecr;
using EcrAutomation.Testing.Infrastructure;
using Image = EcrAutomation.Awsx.Ecr.Image;

namespace EcrAutomation.Awsx.Tests.Images;

/// <summary>The Docker engine path (RUN) and the demo image running under a real engine, against a private dockerd.</summary>
public sealed class DockerEngineImageTests(LocalCloudFixture cloud, DockerEngineFixture docker)
    : IClassFixture<LocalCloudFixture>, IClassFixture<DockerEngineFixture>
{
    private const string RunDockerfile =
        "ARG BASE_IMAGE\n" +
        "FROM ${BASE_IMAGE}\n" +
        "COPY greeting.txt /greeting.txt\n" +
        "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox mkdir -p /www && /bin/busybox cp /greeting.txt /www/run.txt && echo ran-in-engine >> /www/run.txt\"]\n";

    [Fact]
    public async Task Up_RunInstruction_BuildsWithEngine_PushesToEcr_DemoImageRunsAndAnswersHttp()
    {
        using var world = await ImageWorld.CreateAsync(cloud, docker.Host);
        var context = Path.Combine(world.WorkDir, "with-run");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), RunDockerfile);
        File.WriteAllText(Path.Combine(context, "greeting.txt"), "hello from COPY\n");
        // The engine cannot use the local cloud's Docker Hub mirror, so RUN builds FROM a busybox base in the stack's own repository.
        Directory.CreateDirectory(Path.Combine(world.WorkDir, "busybox-base"));
        File.WriteAllText(Path.Combine(world.WorkDir, "busybox-base", "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");
        File.WriteAllText(Path.Combine(world.WorkDir, "busybox-base", "Dockerfile.dockerignore"), "*\n!busybox\n");
        var program = PulumiFn.Create(() =>
        {
            var baseImage = new Image("base", new ImageArgs { RepositoryUrl = world.RepositoryUrl, Context = "/bin", Dockerfile = "./busybox-base/Dockerfile" });
            var app = new Image("image", new ImageArgs { RepositoryUrl = world.RepositoryUrl, Path = "./app" });
            var withRun = new Image("with-run", new ImageArgs
            {
                RepositoryUrl = world.RepositoryUrl,
                Context = "./with-run",
                Args = new InputMap<string> { ["BASE_IMAGE"] = baseImage.ImageUri },
            });
            return new Dictionary<string, object?> { ["image"] = app.ImageUri, ["withRun"] = withRun.ImageUri };
        });
        var stack = await world.StackAsync(program);

        var up = await stack.UpAsync(world.Up());

        var withRun = up.Outputs.Text("withRun");
        var digest = withRun.Split('@')[1];
        (await world.DescribeImagesAsync()).ShouldContain(i => i.ImageDigest == digest, "the engine-built image is in ECR with the output digest");
        var diagnostics = world.Diagnostics("::with-run");
        diagnostics.ShouldContain(d => d.Contains("building with the Docker engine", StringComparison.Ordinal));
        diagnostics.ShouldContain(d => d.Contains("RUN", StringComparison.Ordinal), "the engine's build log streams into the event stream");
        world.Provider.Builds.ShouldBe(3);

        var again = await stack.UpAsync(world.Up());
        again.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        world.Provider.Builds.ShouldBe(3, "an unchanged engine-built image is not rebuilt either");

        await LoginAsync();
        var ran = await docker.DockerAsync("run", "--rm", "--network", "none", withRun, "cat", "/www/run.txt");
        ran.ExitCode.ShouldBe(0, ran.StandardError);
        ran.StandardOutput.ShouldBe("hello from COPY\nran-in-engine\n");

        var port = FreePort.Next();
        var name = "demo-" + Guid.NewGuid().ToString("N")[..8];
        var started = await docker.DockerAsync("run", "-d", "--name", name, "--network", "host", up.Outputs.Text("image"),
            "httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", "/www");
        started.ExitCode.ShouldBe(0, started.StandardError);
        try
        {
            var page = await GetWithRetriesAsync($"http://127.0.0.1:{port}/");
            page.ShouldContain("Hello from ecr-automation");
        }
        finally
        {
            await docker.DockerAsync("rm", "-f", name);
        }
    }

    [Fact]
    public async Task Up_BuilderDocker_NoRun_StillUsesEngine()
    {
        using var world = await ImageWorld.CreateAsync(cloud, docker.Host);
        var context = Path.Combine(world.WorkDir, "plain");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY a.txt /a.txt\n");
        File.WriteAllText(Path.Combine(context, "a.txt"), Guid.NewGuid().ToString());
        var stack = await world.StackAsync(world.SingleImageProgram("./plain", ImageBuilder.Docker));

        var up = await stack.UpAsync(world.Up());

        var digest = up.Outputs.Text("image").Split('@')[1];
        (await world.DescribeImagesAsync()).ShouldContain(i => i.ImageDigest == digest);
        world.Diagnostics("::single").ShouldContain(d => d.Contains("builder: docker", StringComparison.Ordinal));
    }

    private async Task LoginAsync()
    {
        var token = await cloud.Aws.Ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest());
        var (user, password) = token.AuthorizationData[0].DecodeCredentials();
        var login = await docker.DockerWithInputAsync(password, "login", "--username", user, "--password-stdin", cloud.Server.RegistryHost);
        login.ExitCode.ShouldBe(0, login.StandardError);
    }

    private static async Task<string> GetWithRetriesAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Exception? last = null;
        for (var i = 0; i < 50; i++)
        {
            try { return await http.GetStringAsync(url); }
            catch (HttpRequestException e) { last = e; }
            await Task.Delay(200);
        }

        throw new InvalidOperationException($"{url} never answered", last);
    }
}

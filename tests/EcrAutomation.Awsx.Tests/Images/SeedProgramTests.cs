using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Awsx.Ecr;
using EcrAutomation.Images.Registry;
using EcrAutomation.Providers;
using Image = EcrAutomation.Awsx.Ecr.Image;

namespace EcrAutomation.Awsx.Tests.Images;

/// <summary>The seed's image step with the real awsx Repository: repository URL unknown at the first preview.</summary>
public sealed class SeedProgramTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    /// <summary>The same resources as the host's <c>image</c> program (ImageProgram.Run).</summary>
    private static PulumiFn SeedProgram() => PulumiFn.Create(() =>
    {
        var repository = new Repository("repository", new RepositoryArgs { ForceDelete = true });
        var image = new Image("image", new ImageArgs { RepositoryUrl = repository.Url, Path = "./app" });
        return new Dictionary<string, object?> { ["url"] = repository.Url, ["image"] = image.ImageUri };
    });

    [Fact]
    public async Task SeedProgram_PreviewUpNoOpEditDestroy_EndToEnd()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(SeedProgram(), AwsProviders.Register(new ProviderRegistry()));

        var preview = await stack.PreviewAsync(world.Preview());
        preview.ChangeSummary[OperationType.Create].ShouldBe(5, "stack, the awsx repository with its repository and lifecycle policy, the image with its build");
        world.Provider.Builds.ShouldBe(0);

        var up = await stack.UpAsync(world.Up());
        var url = up.Outputs.Text("url");
        var image = up.Outputs.Text("image");
        image.ShouldStartWith(url + "@sha256:");
        (await cloud.DescribeImagesAsync(url)).ShouldContain(i => i.ImageDigest == image.Split('@')[1]);

        var again = await stack.UpAsync(world.Up());
        again.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        world.Provider.Builds.ShouldBe(1);

        File.AppendAllText(Path.Combine(world.AppDir, "www", "index.html"), "<p>v2</p>\n");
        var edited = await stack.UpAsync(world.Up());
        edited.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        edited.Outputs.Text("image").ShouldNotBe(image);

        var destroy = await stack.DestroyAsync();
        destroy.Summary.Result.ShouldBe(UpdateState.Succeeded);
    }

    [Fact]
    public async Task Preview_FirstDeploy_DockerfileErrorSurfacesEvenWithUnknownRepositoryUrl()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        File.WriteAllText(Path.Combine(world.AppDir, "Dockerfile"), "FROM busybox\nCOPPY www/ /www/\n");
        var stack = await world.StackAsync(SeedProgram(), AwsProviders.Register(new ProviderRegistry()));

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync(world.Preview()));

        error.Message.ShouldContain("Dockerfile line 2: unknown instruction: COPPY", customMessage: error.Message);
    }

    [Fact]
    public async Task Up_DefaultPlatform_IsLinuxAmd64_AndExplicitPlatformAndTagAreHonoured()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var context = Path.Combine(world.WorkDir, "plain");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY a.txt /a.txt\n");
        File.WriteAllText(Path.Combine(context, "a.txt"), Guid.NewGuid().ToString());
        var program = PulumiFn.Create(() =>
        {
            var amd = new Image("amd", new ImageArgs { RepositoryUrl = world.RepositoryUrl, Context = "./plain" });
            var arm = new Image("arm", new ImageArgs { RepositoryUrl = world.RepositoryUrl, Context = "./plain", Platform = "linux/arm64", ImageTag = "arm-v1" });
            return new Dictionary<string, object?> { ["amd"] = amd.ImageUri, ["arm"] = arm.ImageUri, ["armTag"] = arm.Tag };
        });
        var stack = await world.StackAsync(program);

        var up = await stack.UpAsync(world.Up());

        up.Outputs.Text("armTag").ShouldBe("arm-v1");
        var registry = cloud.Server.RegistryHost;
        var repository = world.RepositoryUrl[(world.RepositoryUrl.IndexOf('/') + 1)..];
        var token = await cloud.Aws.Ecr.GetAuthorizationTokenAsync();
        var (user, password) = token.AuthorizationData[0].DecodeCredentials();
        using var client = new RegistryClient(new RegistryClientOptions { Registry = registry, Credentials = new RegistryCredentials(user, password) });
        (await client.PullImageAsync(repository, up.Outputs.Text("amd").Split('@')[1])).Config.Architecture.ShouldBe("amd64");
        (await client.PullImageAsync(repository, up.Outputs.Text("arm").Split('@')[1])).Config.Architecture.ShouldBe("arm64");
        (await client.HeadManifestAsync(repository, "arm-v1"))!.Digest.ToString().ShouldBe(up.Outputs.Text("arm").Split('@')[1]);
        var stateText = await File.ReadAllTextAsync(world.StateFile());
        stateText.ShouldContain("docker-build:index:Image::arm-v1", customMessage: "imageTag names the child like awsx");
    }
}

using System.Formats.Tar;
using System.Text.RegularExpressions;
using EcrAutomation.LocalCloud.Tests.Infrastructure;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>docker login/push/pull against a real Docker engine, and dotnet publish -t:PublishContainer.</summary>
public sealed partial class DockerAndDotnetPublishTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("docker-test-").FullName;

    [Fact]
    public async Task DockerLoginPushPull_DigestMatchesDescribeImages()
    {
        await using var docker = await DockerEngineProcess.StartAsync();
        await cloud.CreateRepositoryAsync("docker/busybox");
        var password = (await AwsCli.RunAsync(AwsCli.V2, cloud.Server.Endpoint, "ecr", "get-login-password")).EnsureSuccess("get-login-password").StdOut.Trim();
        var login = await docker.RunWithInputAsync(password, "login", "--username", "AWS", "--password-stdin", cloud.Server.RegistryHost);
        login.EnsureSuccess("docker login").StdOut.ShouldContain("Login Succeeded");

        var rootfs = Path.Combine(_work, "rootfs.tar");
        await using (var tar = new TarWriter(File.Create(rootfs), TarEntryFormat.Pax))
        {
            await tar.WriteEntryAsync("/bin/busybox", "bin/busybox");
        }

        var image = $"{cloud.Server.RegistryHost}/docker/busybox:1";
        (await docker.RunAsync("import", "--change", "ENTRYPOINT [\"/bin/busybox\"]", rootfs, image)).EnsureSuccess("docker import");
        var push = (await docker.RunAsync("push", image)).EnsureSuccess("docker push");
        var pushedDigest = DigestPattern().Match(push.StdOut).Value;
        pushedDigest.ShouldNotBeNullOrEmpty(push.StdOut);

        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "docker/busybox" });
        var detail = described["imageDetails"]![0]!;
        detail["imageDigest"]!.GetValue<string>().ShouldBe(pushedDigest);
        detail["imageManifestMediaType"]!.GetValue<string>().ShouldBe("application/vnd.docker.distribution.manifest.v2+json");

        (await docker.RunAsync("rmi", image)).EnsureSuccess("docker rmi");
        var pull = (await docker.RunAsync("pull", image)).EnsureSuccess("docker pull");
        pull.StdOut.ShouldContain("Digest: " + pushedDigest);
        var run = (await docker.RunAsync("run", "--rm", "--network", "none", image, "echo", "hello from the local cloud")).EnsureSuccess("docker run");
        run.StdOut.Trim().ShouldBe("hello from the local cloud");

        var missing = $"{cloud.Server.RegistryHost}/docker/missing:1";
        (await docker.RunAsync("tag", image, missing)).EnsureSuccess("docker tag");
        var refused = await docker.RunAsync("push", missing);
        refused.ExitCode.ShouldNotBe(0);
        (refused.StdErr + refused.StdOut).ShouldContain("name unknown: The repository with name 'docker/missing' does not exist in the registry with id '123456789012'");

        await cloud.CreateRepositoryAsync("docker/immutable", "IMMUTABLE");
        var immutable = $"{cloud.Server.RegistryHost}/docker/immutable:1";
        (await docker.RunAsync("tag", image, immutable)).EnsureSuccess("docker tag");
        (await docker.RunAsync("push", immutable)).EnsureSuccess("first push to immutable tag");
        var again = await docker.RunAsync("push", immutable);
        again.ExitCode.ShouldNotBe(0);
        (again.StdErr + again.StdOut).ShouldContain("tag invalid: The image tag '1' already exists in the 'docker/immutable' repository and cannot be overwritten because the repository is immutable.");

        (await docker.RunAsync("logout", cloud.Server.RegistryHost)).EnsureSuccess("docker logout");
        var denied = await docker.RunAsync("push", image);
        denied.ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task DotnetPublishContainer_PushesToLocalCloud()
    {
        await cloud.CreateRepositoryAsync("dotnet/base");
        await cloud.CreateRepositoryAsync("dotnet/app");
        var baseImage = TestImage.Create("dotnet base image");
        await baseImage.PushAsync(cloud.Http, cloud.Server.Endpoint, cloud.BasicAuth(), "dotnet/base", "1");

        var project = Path.Combine(_work, "app");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "app.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(\"hello\");\n");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(_work, file), "<Project />");
        }

        var result = await Tool.RunAsync(
            "dotnet",
            [
                "publish", project, "-c", "Release", "-t:PublishContainer", "-nodeReuse:false", "-p:UseSharedCompilation=false",
                $"-p:ContainerRegistry={cloud.Server.RegistryHost}",
                $"-p:ContainerBaseImage={cloud.Server.RegistryHost}/dotnet/base:1",
                "-p:ContainerRepository=dotnet/app", "-p:ContainerImageTag=v1", "-p:ContainerUser=1000",
            ],
            environment: new Dictionary<string, string>
            {
                ["DOTNET_CONTAINER_REGISTRY_UNAME"] = "AWS",
                ["DOTNET_CONTAINER_REGISTRY_PWORD"] = cloud.Server.CreateRegistryPassword(),
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
                ["MSBUILDDISABLENODEREUSE"] = "1",
            },
            timeout: TimeSpan.FromMinutes(3));
        result.EnsureSuccess("dotnet publish -t:PublishContainer").StdOut.ShouldContain("Pushed image 'dotnet/app:v1'");

        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "dotnet/app", imageIds = new[] { new { imageTag = "v1" } } });
        var digest = described["imageDetails"]![0]!["imageDigest"]!.GetValue<string>();
        var got = await cloud.EcrOkAsync("BatchGetImage", new { repositoryName = "dotnet/app", imageIds = new[] { new { imageDigest = digest } } });
        var manifest = got["images"]![0]!["imageManifest"]!.GetValue<string>();
        TestImage.Digest(System.Text.Encoding.UTF8.GetBytes(manifest)).ShouldBe(digest);
        manifest.ShouldContain(baseImage.LayerDigest);
    }

    [GeneratedRegex("sha256:[a-f0-9]{64}")]
    private static partial Regex DigestPattern();

    public void Dispose() => Directory.Delete(_work, recursive: true);
}

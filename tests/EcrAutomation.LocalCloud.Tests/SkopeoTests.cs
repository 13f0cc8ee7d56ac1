using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>skopeo copy in and out, inspect and delete against the local registry.</summary>
public sealed class SkopeoTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("skopeo-test-").FullName;

    private string Creds => "AWS:" + cloud.Server.CreateRegistryPassword();

    [Fact]
    public async Task Copy_InAndOut_DigestsMatchEverywhere()
    {
        await cloud.CreateRepositoryAsync("skopeo/roundtrip");
        var image = TestImage.Create("skopeo roundtrip", extraBytes: 200_000);
        var layout = image.WriteLayout(Path.Combine(_work, "in"), "v1");
        var target = $"docker://{cloud.Server.RegistryHost}/skopeo/roundtrip:v1";

        (await Skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", Creds, $"oci:{layout}:v1", target)).EnsureSuccess("skopeo copy in");

        var raw = (await Skopeo.RunAsync("inspect", "--raw", "--tls-verify=false", "--creds", Creds, target)).EnsureSuccess("skopeo inspect --raw");
        var rawDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw.StdOut)));
        rawDigest.ShouldBe(image.ManifestDigest);

        var inspect = JsonNode.Parse((await Skopeo.RunAsync("inspect", "--tls-verify=false", "--creds", Creds, target)).EnsureSuccess("skopeo inspect").StdOut)!;
        inspect["Digest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);
        inspect["Layers"]!.AsArray().Single()!.GetValue<string>().ShouldBe(image.LayerDigest);

        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "skopeo/roundtrip" });
        described["imageDetails"]![0]!["imageDigest"]!.GetValue<string>().ShouldBe(image.ManifestDigest);

        var outDir = Path.Combine(_work, "out");
        (await Skopeo.RunAsync("copy", "--src-tls-verify=false", "--src-creds", Creds, target, $"oci:{outDir}:copy")).EnsureSuccess("skopeo copy out");
        File.ReadAllBytes(Path.Combine(outDir, "blobs", "sha256", image.LayerDigest[7..])).ShouldBe(image.Layer);
        File.ReadAllBytes(Path.Combine(outDir, "blobs", "sha256", image.ManifestDigest[7..])).ShouldBe(image.Manifest);
    }

    [Fact]
    public async Task Copy_DockerFormat_StoredAsSchema2AndPullable()
    {
        await cloud.CreateRepositoryAsync("skopeo/v2s2");
        var layout = TestImage.Create("docker format").WriteLayout(Path.Combine(_work, "v2s2"), "v1");
        var target = $"docker://{cloud.Server.RegistryHost}/skopeo/v2s2:v1";
        (await Skopeo.RunAsync("copy", "--format", "v2s2", "--dest-tls-verify=false", "--dest-creds", Creds, $"oci:{layout}:v1", target)).EnsureSuccess("skopeo copy v2s2");

        var described = await cloud.EcrOkAsync("DescribeImages", new { repositoryName = "skopeo/v2s2" });
        var detail = described["imageDetails"]![0]!;
        detail["imageManifestMediaType"]!.GetValue<string>().ShouldBe("application/vnd.docker.distribution.manifest.v2+json");
        detail["artifactMediaType"]!.GetValue<string>().ShouldBe("application/vnd.docker.container.image.v1+json");

        var outDir = Path.Combine(_work, "v2s2-out");
        (await Skopeo.RunAsync("copy", "--src-tls-verify=false", "--src-creds", Creds, target, $"dir:{outDir}")).EnsureSuccess("skopeo copy out");
        var manifest = File.ReadAllBytes(Path.Combine(outDir, "manifest.json"));
        ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest))).ShouldBe(detail["imageDigest"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_RemovesImageFromApiAndRegistry()
    {
        await cloud.CreateRepositoryAsync("skopeo/delete");
        var layout = TestImage.Create("to delete").WriteLayout(Path.Combine(_work, "del"), "v1");
        var target = $"docker://{cloud.Server.RegistryHost}/skopeo/delete:v1";
        (await Skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", Creds, $"oci:{layout}:v1", target)).EnsureSuccess("skopeo copy");

        (await Skopeo.RunAsync("delete", "--tls-verify=false", "--creds", Creds, target)).EnsureSuccess("skopeo delete");

        var listed = await cloud.EcrOkAsync("ListImages", new { repositoryName = "skopeo/delete" });
        listed["imageIds"]!.AsArray().ShouldBeEmpty();
        var inspect = await Skopeo.RunAsync("inspect", "--tls-verify=false", "--creds", Creds, target);
        inspect.ExitCode.ShouldNotBe(0);
        inspect.StdErr.ShouldContain("manifest unknown");
    }

    [Fact]
    public async Task Copy_ToMissingRepository_RefusedWithEcrText()
    {
        var layout = TestImage.Create("nowhere").WriteLayout(Path.Combine(_work, "missing"), "v1");
        var result = await Skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", Creds, $"oci:{layout}:v1", $"docker://{cloud.Server.RegistryHost}/skopeo/missing:v1");
        result.ExitCode.ShouldNotBe(0);
        result.StdErr.ShouldContain("The repository with name 'skopeo/missing' does not exist in the registry with id '123456789012'");
    }

    [Fact]
    public async Task Copy_WithoutOrWithWrongCredentials_Unauthorized()
    {
        await cloud.CreateRepositoryAsync("skopeo/auth");
        var layout = TestImage.Create("auth").WriteLayout(Path.Combine(_work, "auth"), "v1");
        var target = $"docker://{cloud.Server.RegistryHost}/skopeo/auth:v1";
        var wrong = await Skopeo.RunAsync("copy", "--dest-tls-verify=false", "--dest-creds", "AWS:forged-password", $"oci:{layout}:v1", target);
        wrong.ExitCode.ShouldNotBe(0);
        wrong.StdErr.ShouldContain("authentication required");
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}

using System.Text.Json;
using EcrAutomation.Images.Building;
using EcrAutomation.Images.Registry;
using EcrAutomation.Images.Tests.Fixtures;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Images.Tests.Building;

[Collection(RegistryCollection.Name)]
public sealed class BuildAndPushTests(RegistryFixture fixture)
{
    private static string NewRepository(string prefix) => $"{prefix}/r{Guid.NewGuid():N}"[..(prefix.Length + 14)];

    private RegistryClient OpenClient() => new(new RegistryClientOptions { Registry = fixture.Open.Host });

    private static async Task<BuildResult> BuildBaseAsync(TempDirectory temp)
    {
        var context = ContextBuilder.Write(temp.Combine("base"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = "FROM scratch\nCOPY rootfs/ /\nENV BASE=1\nCMD [\"/bin/base\"]\n",
            ["rootfs/etc/passwd"] = "root:x:0:0:root:/root:/bin/sh\napp:x:1234:2345:app:/home/app:/bin/sh\n",
            ["rootfs/etc/group"] = "root:x:0:\napp:x:2345:\nstaff:x:50:\n",
            ["rootfs/bin/base"] = "#!/bin/sh\n",
        });
        return await ContextBuilder.BuildAsync(temp.Combine("cache-base"), new BuildRequest { ContextDirectory = context });
    }

    [Fact]
    public async Task BuildAsync_FromBaseImagePushedFirst_ReusesBaseLayersAndMountsThem()
    {
        using var temp = new TempDirectory();
        using var client = OpenClient();
        var baseImage = await BuildBaseAsync(temp);
        var baseRepository = NewRepository("base");
        await client.PushImageAsync(baseImage.ToPushRequest(baseRepository, "v1"));
        var context = ContextBuilder.Write(temp.Combine("app"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = $"""
                FROM {fixture.Open.Host}/{baseRepository}:v1
                COPY --chown=app:staff app.txt /home/app/
                COPY --from={fixture.Open.Host}/{baseRepository}:v1 /etc/group /copied/group
                COPY app.txt /bin
                ENTRYPOINT ["/bin/base"]
                """,
            ["app.txt"] = "app",
        });

        var app = await ContextBuilder.BuildAsync(temp.Combine("cache-app"), new BuildRequest { ContextDirectory = context }, _ => client);
        var target = NewRepository("app");
        var progress = new List<string>();
        var push = await client.PushImageAsync(app.ToPushRequest(target, "v1") with { Progress = new Progress(progress) });
        var repush = await client.PushImageAsync(app.ToPushRequest(target, "v1"));

        app.Layers.Count.ShouldBe(4);
        ContextBuilder.ReadLayer(app.Layers[3].LocalPath!).Select(e => e.Name).ShouldBe(["bin/", "bin/app.txt"]);
        app.Layers[0].Descriptor.Digest.ShouldBe(baseImage.Layers[0].Descriptor.Digest);
        app.Layers[0].SourceRepository.ShouldBe(baseRepository);
        app.Config.Config!.Env!.ShouldContain("BASE=1");
        app.Config.Config.Cmd.ShouldBeNull();
        app.Config.Config.Entrypoint.ShouldBe(["/bin/base"]);
        app.Config.RootFs.DiffIds[0].ShouldBe(baseImage.Config.RootFs.DiffIds[0]);
        var owned = ContextBuilder.ReadLayer(app.Layers[1].LocalPath!).Single(e => e.Name == "home/app/app.txt");
        (owned.Uid, owned.Gid).ShouldBe((1234, 50));
        ContextBuilder.ReadLayer(app.Layers[2].LocalPath!).Single(e => e.Name == "copied/group").Content.ShouldStartWith("root:x:0:");
        push.Blobs.Single(b => b.Descriptor.Digest == baseImage.Layers[0].Descriptor.Digest).Outcome.ShouldBe(BlobPushOutcome.Mounted);
        push.ManifestDigest.ShouldBe(app.Digest);
        progress.ShouldContain(l => l.Contains("mounted from", StringComparison.Ordinal));
        progress.ShouldContain(l => l.Contains($"digest {app.Digest}", StringComparison.Ordinal));
        repush.BytesUploaded.ShouldBe(0);
        repush.ManifestUploaded.ShouldBeFalse();
    }

    [Fact]
    public async Task PushImageAsync_BaseOnOtherRegistry_StreamsLayersFromSource()
    {
        using var temp = new TempDirectory();
        using var source = new RegistryClient(new RegistryClientOptions
        {
            Registry = fixture.Authenticated.Host,
            Credentials = new RegistryCredentials(RegistryServer.Username, RegistryServer.Password),
        });
        using var target = OpenClient();
        var baseImage = await BuildBaseAsync(temp);
        var baseRepository = NewRepository("xbase");
        await source.PushImageAsync(baseImage.ToPushRequest(baseRepository, "v1"));
        var context = ContextBuilder.Write(temp.Combine("app"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = $"FROM {fixture.Authenticated.Host}/{baseRepository}:v1\nCOPY a /a\n",
            ["a"] = "a",
        });

        var app = await ContextBuilder.BuildAsync(temp.Combine("cache-app"), new BuildRequest { ContextDirectory = context }, _ => source);
        var push = await target.PushImageAsync(app.ToPushRequest(NewRepository("xapp"), "v1", _ => source));
        using var builder = new DaemonlessImageBuilder(new DaemonlessBuilderOptions { CacheDirectory = temp.Combine("cache-dl"), RegistryClients = _ => source, DownloadBaseLayers = true });
        var downloaded = ((BuildSucceeded)await builder.BuildAsync(new BuildRequest { ContextDirectory = context })).Result;

        push.Blobs.ShouldAllBe(b => b.Outcome == BlobPushOutcome.Uploaded);
        push.BytesUploaded.ShouldBeGreaterThan(baseImage.Layers[0].Descriptor.Size);
        downloaded.Digest.ShouldBe(app.Digest);
        downloaded.Layers.ShouldAllBe(l => l.LocalPath != null && File.Exists(l.LocalPath));
    }

    [Fact]
    public async Task PushedBuild_SkopeoAndUmoci_SeeSameDigestFilesModesAndOwners()
    {
        using var temp = new TempDirectory();
        using var client = OpenClient();
        var context = ContextBuilder.Write(temp.Combine("ctx"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = "FROM scratch\nCOPY --chmod=640 --chown=1001:1002 conf.ini /etc/app/\nCOPY bin/ /usr/bin/\nCMD [\"/usr/bin/tool\"]\n",
            ["conf.ini"] = "[a]\n",
            ["bin/tool"] = "#!/bin/sh\necho tool\n",
        });
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(context, "bin/tool"), (UnixFileMode)Convert.ToInt32("755", 8));
        }

        var image = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context });
        var repository = NewRepository("tools");
        await client.PushImageAsync(image.ToPushRequest(repository, "v1"));
        var reference = $"docker://{fixture.Open.Host}/{repository}:v1";

        using var inspect = JsonDocument.Parse(await ExternalTool.RunCheckedAsync("skopeo", "skopeo", ["inspect", "--tls-verify=false", reference]));
        inspect.RootElement.GetProperty("Digest").GetString().ShouldBe(image.Digest.ToString());

        var layout = temp.Combine("layout");
        await ExternalTool.RunCheckedAsync("skopeo", "skopeo", ["copy", "--src-tls-verify=false", reference, $"oci:{layout}:v1"]);
        var bundle = temp.Combine("bundle");
        await ExternalTool.RunCheckedAsync("umoci", "umoci", ["unpack", "--rootless", "--image", $"{layout}:v1", bundle]);
        var rootfs = Path.Combine(bundle, "rootfs");
        File.ReadAllText(Path.Combine(rootfs, "etc/app/conf.ini")).ShouldBe("[a]\n");
        File.ReadAllText(Path.Combine(rootfs, "usr/bin/tool")).ShouldBe("#!/bin/sh\necho tool\n");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(Path.Combine(rootfs, "etc/app/conf.ini")).ShouldBe((UnixFileMode)Convert.ToInt32("640", 8));
            File.GetUnixFileMode(Path.Combine(rootfs, "usr/bin/tool")).ShouldBe((UnixFileMode)Convert.ToInt32("755", 8));
        }

        var listing = await ExternalTool.RunCheckedAsync("tar", "tar", ["-tvzf", image.Layers[0].LocalPath!, "--numeric-owner"]);
        listing.ShouldContain("-rw-r----- 1001/1002");
        listing.ShouldContain("1970-01-01 00:00 etc/app/conf.ini");

        // Our content store is an OCI layout skopeo can read directly.
        using var local = JsonDocument.Parse(await ExternalTool.RunCheckedAsync("skopeo", "skopeo", ["inspect", $"oci:{image.OciLayoutPath}:{image.OciReference}"]));
        local.RootElement.GetProperty("Digest").GetString().ShouldBe(image.Digest.ToString());
    }

    private sealed class Progress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}

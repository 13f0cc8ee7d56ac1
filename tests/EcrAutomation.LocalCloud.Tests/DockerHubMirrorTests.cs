using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Registry;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>
/// The local cloud's Docker Hub mirror: anonymous clients (skopeo here, the daemonless builder in the image tests) pull
/// <c>library/busybox</c> made of the host's static busybox; anything else is a 404 that says what the mirror holds.
/// </summary>
public sealed class DockerHubMirrorTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>, IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("mirror-test-").FullName;

    [Fact]
    public async Task Skopeo_AnonymousCopyOfBusybox_GetsTheHostsStaticBusyboxWithShLink()
    {
        var source = $"docker://{cloud.Server.RegistryHost}/library/busybox:latest";

        var inspect = JsonNode.Parse((await Skopeo.RunAsync("inspect", "--tls-verify=false", source)).EnsureSuccess("skopeo inspect").StdOut)!;
        (await Skopeo.RunAsync("copy", "--src-tls-verify=false", source, $"oci:{_work}:busybox")).EnsureSuccess("skopeo copy");

        inspect["Architecture"]!.GetValue<string>().ShouldBe("amd64");
        var layerDigest = inspect["Layers"]!.AsArray().Single()!.GetValue<string>();
        await using var layer = new GZipStream(File.OpenRead(Path.Combine(_work, "blobs", "sha256", layerDigest[7..])), CompressionMode.Decompress);
        var entries = new Dictionary<string, TarEntry>();
        using (var reader = new TarReader(layer))
        {
            while (reader.GetNextEntry(copyData: true) is { } entry) entries[entry.Name] = entry;
        }

        entries.Keys.ShouldBe(["bin/", "bin/busybox", "bin/sh"], ignoreOrder: true);
        entries["bin/sh"].LinkName.ShouldBe("busybox");
        using var copied = new MemoryStream();
        await entries["bin/busybox"].DataStream!.CopyToAsync(copied);
        copied.ToArray().ShouldBe(await File.ReadAllBytesAsync("/bin/busybox"));
    }

    [Fact]
    public async Task Tags_AllNameOneDeterministicDigest_AndAnotherServerGivesTheSame()
    {
        var digests = new List<string>();
        foreach (var tag in new[] { "latest", "stable", "musl" })
        {
            using var response = await cloud.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{cloud.Server.Endpoint}v2/library/busybox/manifests/{tag}"));
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            digests.Add(response.Headers.GetValues("Docker-Content-Digest").Single());
        }

        digests.Distinct().ShouldHaveSingleItem().ShouldBe(await FreshMirrorDigestAsync());
    }

    [Fact]
    public async Task OtherImage_404_SaysWhatTheMirrorHolds()
    {
        using var response = await cloud.Http.GetAsync($"{cloud.Server.Endpoint}v2/library/alpine/manifests/latest");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("mirrors only docker.io/library/busybox");
        body.ShouldContain("library/alpine");
    }

    [Fact]
    public void Problem_MissingBusybox_NamesThePackageAndTheScript()
    {
        var message = StaticBusybox.Problem(Path.Combine(_work, "busybox")).ShouldNotBeNull();

        message.ShouldContain(Path.Combine(_work, "busybox"));
        message.ShouldContain("busybox-static");
        message.ShouldContain("scripts/install-prerequisites.sh");
    }

    [Fact]
    public void Problem_DynamicallyLinked_NamesThePackageAndTheScript()
    {
        // Debian's /bin/ls is dynamically linked, like the binary of the "busybox" package (not "busybox-static").
        File.Copy("/bin/ls", Path.Combine(_work, "busybox"));

        var message = StaticBusybox.Problem(Path.Combine(_work, "busybox")).ShouldNotBeNull();

        message.ShouldContain("not statically linked");
        message.ShouldContain("busybox-static");
    }

    [Fact]
    public void Problem_StaticExecutable_None()
    {
        File.WriteAllBytes(Path.Combine(_work, "busybox"), StaticElfHeader());

        StaticBusybox.Problem(Path.Combine(_work, "busybox")).ShouldBeNull();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The manifest digest a new mirror instance (as after a restart) serves for <c>latest</c>.</summary>
    private static async Task<string> FreshMirrorDigestAsync()
    {
        var mirror = new DockerHubMirror();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Method = "HEAD";
        context.Request.Path = "/v2/library/busybox/manifests/latest";
        await mirror.HandleAsync(context);
        return context.Response.Headers["Docker-Content-Digest"].ToString();
    }

    /// <summary>A 64-bit ELF header with one PT_LOAD program header and no PT_INTERP: what a static binary starts with.</summary>
    private static byte[] StaticElfHeader()
    {
        var bytes = new byte[64 + 56];
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = 2; // ELFCLASS64
        bytes[5] = 1; // little-endian
        BitConverter.TryWriteBytes(bytes.AsSpan(0x20), 64L); // e_phoff
        BitConverter.TryWriteBytes(bytes.AsSpan(0x36), (ushort)56); // e_phentsize
        BitConverter.TryWriteBytes(bytes.AsSpan(0x38), (ushort)1); // e_phnum
        BitConverter.TryWriteBytes(bytes.AsSpan(64), 1); // PT_LOAD
        return bytes;
    }
}

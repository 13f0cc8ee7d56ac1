using System.Text;
using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Tests.Oci;

public sealed class OciModelTests
{
    [Fact]
    public void Compute_KnownInput_MatchesSha256()
    {
        Digest.Compute("hello"u8).ToString().ShouldBe("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    }

    [Fact]
    public async Task ComputeAsync_Stream_MatchesCompute()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', 100_000));

        var digest = await Digest.ComputeAsync(new MemoryStream(bytes));

        digest.ShouldBe(Digest.Compute(bytes));
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("md5:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("sha256:2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824")]
    [InlineData("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")]
    [InlineData("")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Digest.TryParse(text, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => Digest.Parse(text));
    }

    [Fact]
    public void Parse_Valid_RoundTrips()
    {
        const string text = "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

        var digest = Digest.Parse(text);

        digest.Algorithm.ShouldBe("sha256");
        digest.ToString().ShouldBe(text);
        digest.ShouldBe(Digest.Parse(text));
    }

    [Fact]
    public void ManifestContent_ForeignFormatting_KeepsExactBytesForDigest()
    {
        // Whitespace and member order a re-serialiser would change: the digest must be of these bytes.
        var raw = """
            {
               "schemaVersion": 2,
               "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
               "layers": [],
               "config": {"size": 2, "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "mediaType": "application/vnd.docker.container.image.v1+json"}
            }
            """u8.ToArray();

        var content = new ManifestContent(raw);

        content.Digest.ShouldBe(Digest.Compute(raw));
        content.MediaType.ShouldBe(MediaTypes.DockerManifest);
        content.AsManifest().Config.Size.ShouldBe(2);
        content.Bytes.ToArray().ShouldBe(raw);
        Should.Throw<InvalidOperationException>(() => content.AsIndex());
    }

    [Fact]
    public void ManifestContent_NoMediaType_InfersIndexFromShape()
    {
        var content = new ManifestContent("""{"schemaVersion":2,"manifests":[]}"""u8);

        content.IsIndex.ShouldBeTrue();
        content.AsIndex().Manifests.ShouldBeEmpty();
    }

    [Fact]
    public void ImageConfig_UnknownMembers_SurviveRoundTrip()
    {
        var json = """{"architecture":"arm64","os":"linux","config":{"Env":["A=1"],"Healthcheck":{"Test":["NONE"]}},"rootfs":{"type":"layers","diff_ids":[]},"os.version":"x"}"""u8;

        var config = OciJson.Deserialize<ImageConfig>(json);
        var written = Encoding.UTF8.GetString(OciJson.Serialize(config));

        config.Architecture.ShouldBe("arm64");
        written.ShouldContain("\"Healthcheck\":{\"Test\":[\"NONE\"]}");
        written.ShouldContain("\"os.version\":\"x\"");
    }

    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", null)]
    [InlineData("127.0.0.1:5000/demo/app:v1", "127.0.0.1:5000", "demo/app", "v1")]
    [InlineData("localhost/app", "localhost", "app", null)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:1.2", "123456789012.dkr.ecr.us-east-1.amazonaws.com", "team/web", "1.2")]
    public void ImageReference_Parse_Normalises(string text, string registry, string repository, string? tag)
    {
        var reference = ImageReference.Parse(text);

        reference.Registry.ShouldBe(registry);
        reference.Repository.ShouldBe(repository);
        reference.Tag.ShouldBe(tag);
    }

    [Fact]
    public void ImageReference_WithDigest_PrefersDigest()
    {
        var reference = ImageReference.Parse("127.0.0.1:5000/a/b:t@sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");

        reference.Reference.ShouldStartWith("sha256:");
        reference.Tag.ShouldBe("t");
        ImageReference.TryParse("UPPER/Case", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("linux/amd64", "linux/amd64")]
    [InlineData("linux/x86_64", "linux/amd64")]
    [InlineData("linux/arm64/v8", "linux/arm64")]
    [InlineData("linux/arm/v7", "linux/arm/v7")]
    public void Platform_Parse_NormalisesAliases(string text, string expected)
    {
        Platform.Parse(text).ToString().ShouldBe(expected);
    }
}

using System.Formats.Tar;
using EcrAutomation.Images.Building;
using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Tests.Fixtures;

namespace EcrAutomation.Images.Tests.Building;

public sealed class DaemonlessImageBuilderTests
{
    private static readonly Dictionary<string, string?> App = new()
    {
        ["Dockerfile"] = """
            ARG BASE=scratch
            FROM ${BASE}
            ARG VERSION=1.0
            ENV APP_HOME=/app \
                GREETING="hello world"
            LABEL org.example.version=$VERSION "org.example.name"="demo app"
            WORKDIR $APP_HOME
            COPY src/ ./
            COPY --chmod=750 --chown=1000:1000 bin/run.sh /usr/local/bin/
            USER 1000:1000
            EXPOSE 8080 53/udp
            ENTRYPOINT ["/usr/local/bin/run.sh"]
            CMD ["--port", "${PORT:-8080}"]
            """,
        ["src/index.js"] = "console.log('hi');\n",
        ["src/lib/util.js"] = "module.exports = 1;\n",
        ["bin/run.sh"] = "#!/bin/sh\nexec node /app/index.js\n",
        ["notes.log"] = "ignored\n",
        [".dockerignore"] = "*.log\n",
    };

    [Fact]
    public async Task BuildAsync_FromScratch_AssemblesConfigAndDeterministicLayers()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), App);

        var result = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context, BuildArgs = new Dictionary<string, string> { ["VERSION"] = "2.0" } });

        var config = result.Config.Config!;
        result.Config.Architecture.ShouldBe("amd64");
        result.Config.Os.ShouldBe("linux");
        result.Config.Created.ShouldBe("1970-01-01T00:00:00Z");
        config.Env.ShouldBe(["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_HOME=/app", "GREETING=hello world"]);
        config.Labels.ShouldBe(new Dictionary<string, string> { ["org.example.name"] = "demo app", ["org.example.version"] = "2.0" });
        config.WorkingDir.ShouldBe("/app");
        config.User.ShouldBe("1000:1000");
        config.ExposedPorts!.Keys.ShouldBe(["53/udp", "8080/tcp"]);
        config.Entrypoint.ShouldBe(["/usr/local/bin/run.sh"]);
        config.Cmd.ShouldBe(["--port", "${PORT:-8080}"]);
        result.Layers.Count.ShouldBe(2);
        result.Config.RootFs.DiffIds.Count.ShouldBe(2);
        result.Manifest.MediaType.ShouldBe(MediaTypes.OciManifest);
        result.Digest.ShouldBe(Digest.Compute(result.Manifest.Bytes.Span));

        var first = ContextBuilder.ReadLayer(result.Layers[0].LocalPath!);
        first.Select(e => e.Name).ShouldBe(["app/", "app/index.js", "app/lib/", "app/lib/util.js"]);
        first.ShouldAllBe(e => e.Uid == 0 && e.Gid == 0 && e.UserName == "" && e.GroupName == "" && e.ModificationTime == DateTimeOffset.UnixEpoch);
        first.Single(e => e.Name == "app/index.js").Content.ShouldBe("console.log('hi');\n");

        var second = ContextBuilder.ReadLayer(result.Layers[1].LocalPath!);
        second.Select(e => e.Name).ShouldBe(["usr/", "usr/local/", "usr/local/bin/", "usr/local/bin/run.sh"]);
        var script = second.Single(e => e.Name == "usr/local/bin/run.sh");
        ((int)script.Mode).ShouldBe(Convert.ToInt32("750", 8));
        (script.Uid, script.Gid).ShouldBe((1000, 1000));
        second.Single(e => e.Name == "usr/").Uid.ShouldBe(0);
    }

    [Fact]
    public async Task BuildAsync_GzipHeader_HasNoTimestampAndFixedOs()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), App);

        var result = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context });

        var bytes = await File.ReadAllBytesAsync(result.Layers[0].LocalPath!);
        bytes[..4].ShouldBe(new byte[] { 0x1f, 0x8b, 8, 0 });
        bytes[4..8].ShouldBe(new byte[] { 0, 0, 0, 0 });
        bytes[9].ShouldBe((byte)0xFF);
    }

    [Fact]
    public async Task BuildAsync_TwoCopiesInDifferentFoldersWithDifferentTimes_GiveSameDigest()
    {
        using var temp = new TempDirectory();
        var one = ContextBuilder.Write(temp.Combine("first", "ctx"), App);
        var two = ContextBuilder.Write(temp.Combine("elsewhere", "deeper", "copy"), App.Reverse().ToDictionary());
        ContextBuilder.Touch(one, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        ContextBuilder.Touch(two, new DateTime(2024, 6, 6, 6, 6, 6, DateTimeKind.Utc));

        var first = await ContextBuilder.BuildAsync(temp.Combine("cache1"), new BuildRequest { ContextDirectory = one });
        var second = await ContextBuilder.BuildAsync(temp.Combine("cache2"), new BuildRequest { ContextDirectory = two });

        second.Digest.ShouldBe(first.Digest);
        second.Layers.Select(l => l.Descriptor.Digest).ShouldBe(first.Layers.Select(l => l.Descriptor.Digest));
        (await BuildContextHash.ComputeAsync(two)).ShouldBe(await BuildContextHash.ComputeAsync(one));
    }

    [Fact]
    public async Task BuildAsync_SourceDateEpochAndPlatform_ChangeTimesAndArchitecture()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), App);

        var result = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context, SourceDateEpoch = 1_700_000_000, Platform = "linux/arm64" });

        result.Config.Created.ShouldBe("2023-11-14T22:13:20Z");
        result.Config.Architecture.ShouldBe("arm64");
        ContextBuilder.ReadLayer(result.Layers[0].LocalPath!).ShouldAllBe(e => e.ModificationTime == DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    }

    [Fact]
    public async Task BuildAsync_DockerIgnore_ExcludesFilesAndHonoursExceptions()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = "FROM scratch\nCOPY . /app/\n",
            [".dockerignore"] = "**/*.tmp\nsecrets\n!secrets/public.pem\n.git\nDockerfile\n",
            ["keep.txt"] = "k",
            ["deep/a/b.tmp"] = "x",
            ["deep/a/c.txt"] = "c",
            ["secrets/private.key"] = "p",
            ["secrets/public.pem"] = "pub",
            [".git/HEAD"] = "ref",
        });

        var result = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context });

        var names = ContextBuilder.ReadLayer(result.Layers[0].LocalPath!).Select(e => e.Name).ToList();
        names.ShouldBe(["app/", "app/.dockerignore", "app/deep/", "app/deep/a/", "app/deep/a/c.txt", "app/keep.txt", "app/secrets/", "app/secrets/public.pem"]);
    }

    [Fact]
    public async Task BuildAsync_MultiStageCopyFrom_CopiesFromEarlierStageOnly()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = """
                FROM scratch AS build
                COPY src /out/
                COPY extra.txt /out/extra.txt

                FROM scratch AS unused
                RUN echo never built

                FROM scratch
                COPY --from=build /out/a.txt /final/
                COPY --from=0 /out /all
                CMD echo "done"
                """,
            ["src/a.txt"] = "A",
            ["src/b.txt"] = "B",
            ["extra.txt"] = "E",
        });

        var result = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context });

        result.Layers.Count.ShouldBe(2);
        ContextBuilder.ReadLayer(result.Layers[0].LocalPath!).Select(e => (e.Name, e.Content)).ShouldBe([("final/", null), ("final/a.txt", "A")]);
        ContextBuilder.ReadLayer(result.Layers[1].LocalPath!).Select(e => e.Name).ShouldBe(["all/", "all/a.txt", "all/b.txt", "all/extra.txt"]);
        result.Config.Config!.Cmd.ShouldBe(["/bin/sh", "-c", "echo \"done\""]);
        result.Diagnostics.ShouldContain(l => l.Contains("[build] FROM scratch", StringComparison.Ordinal));
        result.Diagnostics.ShouldNotContain(l => l.Contains("never built", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildAsync_RunInstruction_ReturnsRequiresDockerEngineNamingTheLine()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = "FROM scratch\nCOPY a /a\nRUN apt-get update\n",
            ["a"] = "a",
        });
        using var builder = new DaemonlessImageBuilder(new DaemonlessBuilderOptions { CacheDirectory = temp.Combine("cache") });
        var lines = new List<string>();

        var outcome = await builder.BuildAsync(new BuildRequest { ContextDirectory = context }, new SynchronousProgress(lines.Add));

        var engine = outcome.ShouldBeOfType<BuildRequiresDockerEngine>();
        engine.Line.ShouldBe(3);
        engine.Message.ShouldBe("Dockerfile line 3: 'RUN apt-get update' needs a Docker engine: the daemonless builder only assembles images from FROM, COPY/ADD and metadata instructions and cannot run RUN. Use the Docker engine builder (builder: docker) for this Dockerfile.");
        lines.ShouldContain(engine.Message);
    }

    [Fact]
    public async Task BuildAsync_AddOfLocalArchive_RequiresDockerEngine()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), new Dictionary<string, string?> { ["Dockerfile"] = "FROM scratch\nADD app.tar.gz /app/\n" });
        await using (var gz = new System.IO.Compression.GZipStream(File.Create(Path.Combine(context, "app.tar.gz")), System.IO.Compression.CompressionLevel.Fastest))
        {
            gz.Write(new byte[600]);
        }

        using var builder = new DaemonlessImageBuilder(new DaemonlessBuilderOptions { CacheDirectory = temp.Combine("cache") });
        var outcome = await builder.BuildAsync(new BuildRequest { ContextDirectory = context });

        outcome.ShouldBeOfType<BuildRequiresDockerEngine>().Message.ShouldContain("line 2");
    }

    [Fact]
    public async Task BuildAsync_MissingCopySource_ThrowsWithLine()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), new Dictionary<string, string?> { ["Dockerfile"] = "FROM scratch\n\nCOPY missing.txt /x\n" });

        var error = await Should.ThrowAsync<DockerfileException>(() => ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context }));

        error.Line.ShouldBe(3);
        error.Message.ShouldContain("missing.txt");
    }

    [Fact]
    public async Task BuildAsync_WildcardsTargetAndBuildArgs_Resolve()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), new Dictionary<string, string?>
        {
            ["Dockerfile"] = """
                ARG FLAVOUR=plain
                FROM scratch AS plain
                ARG FLAVOUR
                ARG TARGETARCH
                LABEL flavour=$FLAVOUR arch=$TARGETARCH
                COPY conf/*.json /etc/app/
                FROM plain AS fancy
                ENV MODE=${MODE:-fancy}
                """,
            ["conf/a.json"] = "{}",
            ["conf/b.json"] = "[]",
            ["conf/c.yaml"] = "x",
        });

        var plain = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context, Target = "plain", BuildArgs = new Dictionary<string, string> { ["FLAVOUR"] = "spicy" } });
        var fancy = await ContextBuilder.BuildAsync(temp.Combine("cache"), new BuildRequest { ContextDirectory = context });

        plain.Config.Config!.Labels.ShouldBe(new Dictionary<string, string> { ["arch"] = "amd64", ["flavour"] = "spicy" });
        ContextBuilder.ReadLayer(plain.Layers[0].LocalPath!).Select(e => e.Name).ShouldBe(["etc/", "etc/app/", "etc/app/a.json", "etc/app/b.json"]);
        fancy.Config.Config!.Env!.ShouldContain("MODE=fancy");
        fancy.Config.Config!.Labels!["flavour"].ShouldBe("plain");
        fancy.Layers.Single().Descriptor.Digest.ShouldBe(plain.Layers.Single().Descriptor.Digest);
    }

    [Fact]
    public async Task BuildContextHash_ContentModeAndArgs_ChangeHashButIgnoredFilesDoNot()
    {
        using var temp = new TempDirectory();
        var context = ContextBuilder.Write(temp.Combine("ctx"), App);
        var baseline = await BuildContextHash.ComputeAsync(context);

        File.WriteAllText(Path.Combine(context, "notes.log"), "changed but ignored");
        var ignoredChange = await BuildContextHash.ComputeAsync(context);
        var withArg = await BuildContextHash.ComputeAsync(context, buildArgs: new Dictionary<string, string> { ["VERSION"] = "3" });
        var withTarget = await BuildContextHash.ComputeAsync(context, target: "x");
        var withPlatform = await BuildContextHash.ComputeAsync(context, platform: "linux/arm64");
        var explicitDefaults = await BuildContextHash.ComputeAsync(context, Path.Combine(context, "Dockerfile"), new Dictionary<string, string>(), null, "linux/amd64");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(context, "src/index.js"), (UnixFileMode)Convert.ToInt32("755", 8));
        }

        var modeChange = await BuildContextHash.ComputeAsync(context);
        File.WriteAllText(Path.Combine(context, "src/index.js"), "changed");
        var contentChange = await BuildContextHash.ComputeAsync(context);

        ignoredChange.ShouldBe(baseline);
        explicitDefaults.ShouldBe(baseline);
        new[] { withArg, withTarget, withPlatform, modeChange, contentChange }.ShouldAllBe(h => h != baseline);
        new[] { withArg, withTarget, withPlatform, modeChange, contentChange }.Distinct().Count().ShouldBe(5);
    }

    [Fact]
    public void LayerWriter_LongPaths_UseNoPaxHeaders()
    {
        using var temp = new TempDirectory();
        var longName = string.Join('/', Enumerable.Repeat("directory-name-that-is-long", 12)) + "/file.txt";
        var file = temp.Combine("f.txt");
        File.WriteAllText(file, "x");
        var store = new ContentStore(temp.Combine("store"));

        var prefixed = new string('p', 80) + "/" + new string('n', 90);
        LayerEntry[] entries() =>
        [
            new LayerEntry { Path = longName, Kind = FileEntryKind.File, Mode = (UnixFileMode)420, SourceFile = file },
            new LayerEntry { Path = prefixed, Kind = FileEntryKind.File, Mode = (UnixFileMode)420, SourceFile = file },
            new LayerEntry { Path = "ünïcode/файл.txt", Kind = FileEntryKind.File, Mode = (UnixFileMode)420, SourceFile = file },
            new LayerEntry { Path = "link", Kind = FileEntryKind.Symlink, Mode = (UnixFileMode)511, LinkTarget = "/" + longName },
        ];

        var layer = LayerWriter.WriteAsync(entries(), store, DateTimeOffset.UnixEpoch).GetAwaiter().GetResult();
        var again = LayerWriter.WriteAsync(entries().Reverse(), store, DateTimeOffset.UnixEpoch).GetAwaiter().GetResult();

        var listing = ContextBuilder.ReadLayer(layer.Path);
        listing.Select(e => e.Name).ShouldBe([longName, "link", prefixed, "ünïcode/файл.txt"]);
        listing.ShouldNotContain(e => e.Type == TarEntryType.ExtendedAttributes || e.Type == TarEntryType.GlobalExtendedAttributes);
        again.Descriptor.Digest.ShouldBe(layer.Descriptor.Digest);
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}

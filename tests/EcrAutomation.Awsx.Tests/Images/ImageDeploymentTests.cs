using System.Diagnostics;
using Xunit.Abstractions;
using EcrAutomation.Automation;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Awsx.Ecr;

namespace EcrAutomation.Awsx.Tests.Images;

/// <summary>The daemonless path end to end against the in-process local cloud: up, no-op, preview, edits, refresh.</summary>
public sealed class ImageDeploymentTests(LocalCloudFixture cloud, ITestOutputHelper output) : IClassFixture<LocalCloudFixture>
{
    [Fact]
    public async Task Up_DemoApp_BuildsAndPushesDigestPinnedImageToEcr()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());

        var watch = Stopwatch.StartNew();
        var up = await stack.UpAsync(world.Up());
        output.WriteLine($"first up of the demo program (build and push the app): {watch.Elapsed.TotalMilliseconds:F0} ms, {world.Provider.BytesUploaded} bytes uploaded");

        var imageUri = up.Outputs.Text("image");
        imageUri.ShouldStartWith(world.RepositoryUrl + "@sha256:");
        imageUri.ShouldNotContain(world.RepositoryUrl + ":");
        var digest = imageUri[(imageUri.IndexOf('@') + 1)..];
        var tag = up.Outputs.Text("tag");
        tag.ShouldMatch("^[0-9a-f]{12}$");
        var images = await world.DescribeImagesAsync();
        var app = images.Single(i => i.ImageDigest == digest);
        app.ImageTags.ShouldBe([tag]);
        images.Count.ShouldBe(1, "busybox stays in the local cloud's Docker Hub mirror; only the app is pushed");
        world.Provider.Builds.ShouldBe(1);
        world.Provider.Pushes.ShouldBe(1);
        world.Provider.BytesUploaded.ShouldBeGreaterThan(0);
        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(3, "stack, the component, its build resource");
        world.Diagnostics("::image").ShouldContain(d => d.Contains("COPY", StringComparison.Ordinal), "build output streams into the event stream");
        world.Diagnostics("::image").ShouldContain(d => d.Contains("pushed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Up_Twice_SecondIsNoOp_NoBuildNoPushNoStateWrite()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        var first = await stack.UpAsync(world.Up());
        var state = await File.ReadAllBytesAsync(world.StateFile());
        var (builds, pushes, bytes) = (world.Provider.Builds, world.Provider.Pushes, world.Provider.BytesUploaded);

        var watch = Stopwatch.StartNew();
        var second = await stack.UpAsync(world.Up());
        watch.Stop();
        output.WriteLine($"no-op up of the demo program (3 resources, 1 image): {watch.Elapsed.TotalMilliseconds:F0} ms");

        second.Summary.ResourceChanges![OperationType.Same].ShouldBe(3);
        second.Summary.ResourceChanges.Keys.ShouldBe([OperationType.Same]);
        second.Outputs.Text("image").ShouldBe(first.Outputs.Text("image"));
        second.Outputs.Text("tag").ShouldBe(first.Outputs.Text("tag"));
        world.Provider.Builds.ShouldBe(builds);
        world.Provider.Pushes.ShouldBe(pushes);
        world.Provider.BytesUploaded.ShouldBe(bytes);
        (await File.ReadAllBytesAsync(world.StateFile())).ShouldBe(state, "a no-op up must not rewrite the state");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        var preview = await stack.PreviewAsync(world.Preview());
        preview.ChangeSummary.Keys.ShouldBe([OperationType.Same]);
        var unchanged = world.ChildStep("::image", planning: true);
        unchanged.Op.ShouldBe(OperationType.Same);
        ("@" + unchanged.New!.Outputs["digest"]).ShouldBe(first.Outputs.Text("image")[first.Outputs.Text("image").IndexOf('@')..]);
    }
}

/// <summary>Change detection: what triggers a rebuild and what never does.</summary>
public sealed class ImageChangeDetectionTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Fact]
    public async Task Preview_NewStack_NeverBuildsOrPushes()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());

        var preview = await stack.PreviewAsync(world.Preview());

        preview.ChangeSummary[OperationType.Create].ShouldBe(3);
        (await world.DescribeImagesAsync()).ShouldBeEmpty();
        world.Provider.Builds.ShouldBe(0);
        world.Provider.Pushes.ShouldBe(0);
        world.Provider.PreviewBuilds.ShouldBe(1, "built at preview (FROM busybox through the mirror) without pushing");
        world.ChildStep("::image", planning: true).New!.Outputs["digest"].ShouldBeOfType<string>().ShouldStartWith("sha256:");
        world.Events.OfType<EcrAutomation.Events.DiagnosticEvent>().ShouldNotContain(d => d.Severity == EcrAutomation.Events.DiagnosticSeverity.Warning || d.Severity == EcrAutomation.Events.DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task Up_EditedFileInContext_UpdatesExactlyTheImageWithNewDigestAndTag()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        var first = await stack.UpAsync(world.Up());
        File.AppendAllText(Path.Combine(world.AppDir, "www", "index.html"), "<p>edited</p>\n");

        var preview = await stack.PreviewAsync(world.Preview());
        preview.ChangeSummary[OperationType.Update].ShouldBe(1);
        world.Provider.Pushes.ShouldBe(1, "preview never pushes");
        var planned = world.ChildStep("::image", planning: true);
        planned.Op.ShouldBe(OperationType.Update);
        planned.Diffs.ShouldNotBeNull().ShouldBe(["contextHash", "tags"], ignoreOrder: true);
        var plannedDigest = planned.New!.Outputs["digest"] as string;
        var second = await stack.UpAsync(world.Up());

        second.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        second.Summary.ResourceChanges.ContainsKey(OperationType.Create).ShouldBeFalse();
        second.Summary.ResourceChanges.ContainsKey(OperationType.Delete).ShouldBeFalse();
        second.Summary.ResourceChanges.ContainsKey(OperationType.Replace).ShouldBeFalse();
        second.Outputs.Text("image").ShouldNotBe(first.Outputs.Text("image"));
        second.Outputs.Text("tag").ShouldNotBe(first.Outputs.Text("tag"));
        world.Provider.Builds.ShouldBe(2, "only the app image is rebuilt");
        world.Provider.PreviewBuilds.ShouldBe(1, "the preview built the changed image without pushing it");
        ("@" + plannedDigest).ShouldBe(second.Outputs.Text("image")[second.Outputs.Text("image").IndexOf('@')..], "the preview reported the exact digest the up pushed");
        var digest = second.Outputs.Text("image").Split('@')[1];
        (await world.DescribeImagesAsync()).Single(i => i.ImageDigest == digest).ImageTags.ShouldBe([second.Outputs.Text("tag")]);
        var oldDigest = first.Outputs.Text("image").Split('@')[1];
        (await world.DescribeImagesAsync()).ShouldContain(i => i.ImageDigest == oldDigest, "an update never deletes the previous image");
    }

    [Fact]
    public async Task Up_DockerignoredFileChanged_NoDiffNoBuild()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        await stack.UpAsync(world.Up());
        var builds = world.Provider.Builds;

        File.WriteAllText(Path.Combine(world.AppDir, "README.md"), "changed notes, excluded by .dockerignore\n");
        var preview = await stack.PreviewAsync(world.Preview());
        var up = await stack.UpAsync(world.Up());

        preview.ChangeSummary.Keys.ShouldBe([OperationType.Same]);
        up.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        world.Provider.Builds.ShouldBe(builds);
    }

    [Fact]
    public async Task Preview_DockerfileError_SurfacesAtPreviewWithLine()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        await stack.UpAsync(world.Up());
        var badLine = File.ReadAllLines(Path.Combine(world.AppDir, "Dockerfile")).Length + 1;
        File.AppendAllText(Path.Combine(world.AppDir, "Dockerfile"), "COPYY www/ /elsewhere/\n");

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync(world.Preview()));

        error.Message.ShouldContain($"Dockerfile line {badLine}", customMessage: error.Message);
        error.Message.ShouldContain("COPYY");
        world.Provider.Builds.ShouldBe(1);
    }

    [Fact]
    public async Task Refresh_DigestDeletedFromRegistry_NextUpRebuildsAndPushes()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        var first = await stack.UpAsync(world.Up());
        var digest = first.Outputs.Text("image").Split('@')[1];
        var name = world.RepositoryUrl[(world.RepositoryUrl.IndexOf('/') + 1)..];
        await cloud.Aws.Ecr.BatchDeleteImageAsync(new BatchDeleteImageRequest { RepositoryName = name, ImageIds = [new ImageIdentifier { ImageDigest = digest }] });

        var refresh = await stack.RefreshAsync(new RefreshOptions { OnEvent = e => world.Events.Add(e) });
        refresh.Summary.ResourceChanges![OperationType.Delete].ShouldBe(1);
        world.Diagnostics().ShouldContain(d => d.Contains("no longer in the registry", StringComparison.Ordinal));
        var up = await stack.UpAsync(world.Up());

        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(1);
        world.Provider.Builds.ShouldBe(2);
        up.Outputs.Text("image").ShouldBe(first.Outputs.Text("image"), "the daemonless build is reproducible");
        (await world.DescribeImagesAsync()).ShouldContain(i => i.ImageDigest == digest);
    }

    [Fact]
    public async Task Up_RegistryPassword_NeverInStateEventsOrOutput()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        var up = await stack.UpAsync(world.Up());
        await stack.RefreshAsync(new RefreshOptions { OnEvent = e => world.Events.Add(e) });

        var passwords = world.Provider.Credentials.CachedPasswords.ToList();
        passwords.ShouldNotBeEmpty();
        var state = await File.ReadAllTextAsync(world.StateFile());
        var events = world.EventsJson();
        foreach (var password in passwords)
        {
            password.Length.ShouldBeGreaterThan(8);
            state.ShouldNotContain(password);
            events.ShouldNotContain(password);
            up.StandardOutput.ShouldNotContain(password);
        }

        state.ShouldNotContain(TestEnvironment.SecretKey);
        state.ShouldContain("\"registries\"");
        state.ShouldContain("\"username\":\"AWS\"");
    }

    [Fact]
    public async Task Preview_RunInstructionWithoutDockerEngine_FailsNamingLineAndRemedy()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var context = Path.Combine(world.WorkDir, "with-run");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY a.txt /a.txt\nRUN [\"/bin/busybox\", \"true\"]\n");
        File.WriteAllText(Path.Combine(context, "a.txt"), "a\n");
        var stack = await world.StackAsync(world.SingleImageProgram("./with-run"));

        var preview = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync(world.Preview()));
        var up = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(world.Up()));

        foreach (var error in new[] { preview, up })
        {
            error.Message.ShouldContain("Dockerfile line 3");
            error.Message.ShouldContain("DOCKER_HOST");
            error.Message.ShouldContain("No Docker engine is available");
        }

        (await world.DescribeImagesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Up_DaemonlessBuilderAndRun_CheckFailsAtPreview()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var context = Path.Combine(world.WorkDir, "with-run");
        Directory.CreateDirectory(context);
        File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nRUN [\"/bin/busybox\", \"true\"]\n");
        var stack = await world.StackAsync(world.SingleImageProgram("./with-run", ImageBuilder.Daemonless));

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync(world.Preview()));

        error.Message.ShouldContain("Dockerfile line 2");
        error.Message.ShouldContain("builder is 'daemonless'");
    }
}

/// <summary>Provider calls the engine makes outside the usual up: adopting an interrupted create.</summary>
public sealed class ImageProviderTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Fact]
    public async Task FindInterruptedCreate_ContentTagAlreadyPushed_AdoptsItOnlyForContentDerivedTags()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        var up = await stack.UpAsync(world.Up());
        var created = world.ChildStep("::image", planning: false);
        var inputs = ToPropertyMap(created.New!.Inputs);
        var config = new Dictionary<string, string>
        {
            ["aws:region"] = TestEnvironment.Region,
            ["aws:endpoint"] = cloud.Server.Endpoint.ToString(),
            ["aws:accessKey"] = TestEnvironment.AccessKey,
            ["aws:secretKey"] = TestEnvironment.SecretKey,
        };
        var request = new EcrAutomation.Providers.FindRequest(created.Urn, created.Type, "image", inputs) { Config = config };

        var found = await world.Provider.FindInterruptedCreateAsync(request);

        found.ShouldNotBeNull();
        ("@" + found.Id).ShouldBe(up.Outputs.Text("image")[up.Outputs.Text("image").IndexOf('@')..]);
        var explicitTag = inputs.Set("tags", EcrAutomation.Providers.PropertyValue.Of([EcrAutomation.Providers.PropertyValue.Of(world.RepositoryUrl + ":latest")]));
        (await world.Provider.FindInterruptedCreateAsync(request with { Inputs = explicitTag })).ShouldBeNull();
    }

    [Fact]
    public async Task Destroy_ImageStack_LeavesPushedImagesInTheRegistry()
    {
        using var world = await ImageWorld.CreateAsync(cloud);
        var stack = await world.StackAsync(world.DemoProgram());
        var up = await stack.UpAsync(world.Up());

        var destroy = await stack.DestroyAsync(new DestroyOptions { OnEvent = e => world.Events.Add(e) });

        destroy.Summary.ResourceChanges![OperationType.Delete].ShouldBe(3);
        var digest = up.Outputs.Text("image").Split('@')[1];
        (await world.DescribeImagesAsync()).ShouldContain(i => i.ImageDigest == digest);
        world.Diagnostics("::image").ShouldContain(d => d.Contains("left " + digest, StringComparison.Ordinal));
    }

    private static EcrAutomation.Providers.PropertyMap ToPropertyMap(IReadOnlyDictionary<string, object?> values) =>
        EcrAutomation.Providers.PropertyMap.From(values.Select(kv => KeyValuePair.Create(kv.Key, ToValue(kv.Value))));

    private static EcrAutomation.Providers.PropertyValue ToValue(object? value) => value switch
    {
        null => EcrAutomation.Providers.PropertyValue.Null,
        string s => EcrAutomation.Providers.PropertyValue.Of(s),
        bool b => EcrAutomation.Providers.PropertyValue.Of(b),
        double d => EcrAutomation.Providers.PropertyValue.Of(d),
        System.Text.Json.Nodes.JsonNode node => FromJson(node),
        IReadOnlyDictionary<string, object?> map => EcrAutomation.Providers.PropertyValue.Of(ToPropertyMap(map)),
        IDictionary<string, object?> map => EcrAutomation.Providers.PropertyValue.Of(ToPropertyMap(map.AsReadOnly())),
        System.Collections.IEnumerable list => EcrAutomation.Providers.PropertyValue.Of(list.Cast<object?>().Select(ToValue)),
        _ => EcrAutomation.Providers.PropertyValue.Of(value.ToString()),
    };

    private static EcrAutomation.Providers.PropertyValue FromJson(System.Text.Json.Nodes.JsonNode node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => EcrAutomation.Providers.PropertyValue.Of(EcrAutomation.Providers.PropertyMap.From(o.Select(kv => KeyValuePair.Create(kv.Key, kv.Value is null ? EcrAutomation.Providers.PropertyValue.Null : FromJson(kv.Value))))),
        System.Text.Json.Nodes.JsonArray a => EcrAutomation.Providers.PropertyValue.Of(a.Select(v => v is null ? EcrAutomation.Providers.PropertyValue.Null : FromJson(v))),
        _ => node.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => EcrAutomation.Providers.PropertyValue.Of(node.GetValue<string>()),
            System.Text.Json.JsonValueKind.True => EcrAutomation.Providers.PropertyValue.True,
            System.Text.Json.JsonValueKind.False => EcrAutomation.Providers.PropertyValue.False,
            System.Text.Json.JsonValueKind.Number => EcrAutomation.Providers.PropertyValue.Of(node.GetValue<double>()),
            _ => EcrAutomation.Providers.PropertyValue.Null,
        },
    };
}

/// <summary>Reproducibility across folders: the digest depends on content only, never on where the project lives.</summary>
public sealed class ImageReproducibilityTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    [Fact]
    public async Task Up_SameContentInTwoProjectFolders_SameDigestAndTag()
    {
        using var first = await ImageWorld.CreateAsync(cloud);
        using var second = await ImageWorld.CreateAsync(cloud);
        var results = new List<(string Digest, string Tag)>();
        foreach (var world in new[] { first, second })
        {
            var context = Path.Combine(world.WorkDir, "site");
            Directory.CreateDirectory(Path.Combine(context, "www"));
            File.WriteAllText(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY www/ /www/\nCMD [\"/www/index.html\"]\n");
            File.WriteAllText(Path.Combine(context, "www", "index.html"), "<h1>same everywhere</h1>\n");
            var stack = await world.StackAsync(world.SingleImageProgram("./site"));
            var up = await stack.UpAsync(world.Up());
            results.Add((up.Outputs.Text("image").Split('@')[1], up.Outputs.Text("tag")));
        }

        results[1].ShouldBe(results[0]);
    }
}

using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class WorkspaceTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static PulumiFn OneThing => PulumiFn.Create(() => { new Thing("a"); });

    [Fact]
    public async Task RelativeWorkDirAndStateRoot_AreMadeAbsolute_SoProgramsResolveFilesAgainstTheProjectFolder()
    {
        // As `ecr-automation up -C examples/ecs-yaml` passes them: relative to the current folder. A relative project folder
        // reached the image build as a relative context base, which it refuses.
        var project = Directory.CreateDirectory(Path.Combine(_f.Root, "relative-project")).FullName;
        File.WriteAllText(Path.Combine(project, "Pulumi.yaml"), "name: relative\nruntime: dotnet\n");
        var workspace = await LocalWorkspace.CreateAsync(new LocalWorkspaceOptions
        {
            WorkDir = Path.GetRelativePath(Directory.GetCurrentDirectory(), project),
            StateRoot = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.Combine(_f.Root, "relative-state")),
        });

        workspace.WorkDir.ShouldBe(project);
        workspace.BackendUrl.ShouldBe(new Uri(Path.Combine(_f.Root, "relative-state")).AbsoluteUri);
    }

    [Fact]
    public async Task CreateStack_Twice_ThrowsAlreadyExists_AndSelectOfAMissingStackThrowsNotFound()
    {
        var dev = await _f.StackAsync(OneThing);
        await Should.ThrowAsync<StackAlreadyExistsException>(() => dev.Workspace.CreateStackAsync("dev"));
        (await Should.ThrowAsync<StackNotFoundException>(() => dev.Workspace.SelectStackAsync("prod"))).Message.ShouldContain("'prod'");
        await dev.Workspace.CreateStackAsync("prod");
        (await dev.Workspace.ListStacksAsync()).ShouldBe(["dev", "prod"]);
    }

    [Fact]
    public async Task RemoveStack_WithResources_IsRefusedUnlessForced_AndRemovesStateAndConfigFile()
    {
        var dev = await _f.StackAsync(OneThing);
        await dev.UpAsync();
        await dev.SetConfigAsync("proj:greeting", new ConfigValue("hi"));
        var configFile = Path.Combine(_f.Root, "work", "Pulumi.dev.yaml");
        File.Exists(configFile).ShouldBeTrue();

        (await Should.ThrowAsync<AutomationException>(() => dev.Workspace.RemoveStackAsync("dev"))).Message.ShouldContain("still has 3 resources");
        File.Exists(_f.StackFile()).ShouldBeTrue();

        await dev.Workspace.RemoveStackAsync("dev", force: true);
        File.Exists(_f.StackFile()).ShouldBeFalse();
        File.Exists(configFile).ShouldBeFalse();
        (await dev.Workspace.ListStacksAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ProjectSettings_ThatDisagreeWithPulumiYaml_AreRefused()
    {
        await _f.StackAsync(OneThing, project: "proj");
        var error = await Should.ThrowAsync<ProjectSettingsConflictException>(() => LocalWorkspace.CreateAsync(new LocalWorkspaceOptions
        {
            WorkDir = Path.Combine(_f.Root, "work"),
            StateRoot = Path.Combine(_f.Root, "state"),
            ProjectSettings = new ProjectSettings("other"),
        }));
        error.Message.ShouldContain("'other' conflicts with 'proj'");
    }

    [Fact]
    public async Task CancelAsync_RemovesALockLeftBehind()
    {
        var dev = await _f.StackAsync(OneThing);
        var locks = Path.Combine(_f.Root, "state", ".pulumi", "locks", "organization", "proj", "dev");
        Directory.CreateDirectory(locks);
        File.WriteAllText(Path.Combine(locks, "left-behind.json"), "{}");
        (await dev.CancelAsync()).Count.ShouldBe(1);
        Directory.GetFiles(locks).ShouldBeEmpty();
    }
}

using EcrAutomation.Automation;
using EcrAutomation.State;
using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class StackNameTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("../other")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("dev stack")]
    public async Task InvalidStackName_IsRefusedEverywhere_AndTouchesNoOtherStack(string name)
    {
        var dev = await _f.StackAsync(PulumiFn.Create(() => { new Thing("t"); }));
        await dev.UpAsync();
        var history = Path.Combine(_f.Root, "state", ".pulumi", "history", "proj", "dev");
        var before = Directory.GetFiles(history).Length;

        (await Should.ThrowAsync<InvalidInputException>(() => dev.Workspace.CreateStackAsync(name))).Message.ShouldContain("not a valid stack name");
        await Should.ThrowAsync<InvalidInputException>(() => dev.Workspace.SelectStackAsync(name));
        await Should.ThrowAsync<InvalidInputException>(() => dev.Workspace.RemoveStackAsync(name, force: true));
        await Should.ThrowAsync<InvalidInputException>(() => _f.StackAsync(PulumiFn.Create(() => { }), stack: name));
        Should.Throw<ArgumentException>(() => StackStore.HistoryDir("proj", name));
        Should.Throw<ArgumentException>(() => dev.Workspace.Store.AcquireLock("proj", name));
        Directory.GetFiles(history).Length.ShouldBe(before);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    public async Task InvalidProjectName_IsRefusedBeforeAnyFolderIsCreated(string project)
    {
        var root = Path.Combine(_f.Root, "deep", "state");
        var error = await Should.ThrowAsync<InvalidInputException>(() => LocalWorkspace.CreateOrSelectStackAsync(
            new InlineProgramArgs(project, "dev", PulumiFn.Create(() => { })) { StateRoot = root }));
        error.Message.ShouldContain("not a valid project name");
        Directory.Exists(Path.Combine(_f.Root, "deep")).ShouldBeFalse();
    }

    [Fact]
    public void InvalidProjectName_NeverBecomesAPath()
    {
        var store = new StackStore(_f.Root);
        Should.Throw<ArgumentException>(() => store.StackFile("..", "dev"));
        Should.Throw<ArgumentException>(() => store.List("../x"));
    }
}

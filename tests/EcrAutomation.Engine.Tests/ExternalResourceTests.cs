using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>The <see cref="ResourceOptions.Id"/> option: a program reads an existing resource without managing it.</summary>
public sealed class ExternalResourceTests : IDisposable
{
    private const string SharedId = "shared-thing";
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static PulumiFn Program(bool readShared = true, string id = SharedId) => PulumiFn.Create(() =>
    {
        var outputs = new Dictionary<string, object?>();
        if (!readShared) return outputs;
        var shared = new Thing("shared", new ThingArgs(), new CustomResourceOptions { Id = id });
        var user = new Thing("user", new ThingArgs { Value = shared.Value });
        outputs["sharedArn"] = shared.Arn;
        outputs["userName"] = user.PhysicalName;
        return outputs;
    });

    private void MakeSharedThing(string content) => File.WriteAllText(Path.Combine(_f.Provider.CloudDirectory, SharedId), content);

    [Fact]
    public async Task ReadByIdOption_PreviewAndUpReadIt_StateMarksItExternal_ChangesOutsideFlowIn_DestroyLeavesIt()
    {
        MakeSharedThing("hello");
        var stack = await _f.StackAsync(Program());
        var events = new List<EngineEvent>();

        var preview = await stack.PreviewAsync(new PreviewOptions { OnEvent = events.Add });
        events.OfType<ResourcePreEvent>().Single(e => e.Metadata.Urn.EndsWith("::shared")).Metadata.Op.ShouldBe(OperationType.Read);
        preview.ChangeSummary[OperationType.Create].ShouldBe(2, "the stack and the user; the shared thing is only read");

        var up = await stack.UpAsync();
        up.Outputs["sharedArn"].Value.ShouldBe("arn:test:" + SharedId);
        File.ReadAllText(Path.Combine(_f.Provider.CloudDirectory, (string)up.Outputs["userName"].Value!)).ShouldBe("hello");
        _f.Provider.Creates.ShouldBe(1);
        up.StandardOutput.ShouldContain("read");
        var export = (await stack.ExportStackAsync()).Json;
        export.ShouldContain("\"external\": true");

        var before = await File.ReadAllBytesAsync(_f.StackFile());
        var again = await stack.UpAsync();
        again.Summary.ResourceChanges!.ContainsKey(OperationType.Update).ShouldBeFalse();
        (await File.ReadAllBytesAsync(_f.StackFile())).ShouldBe(before, "reading an unchanged resource writes no state");

        MakeSharedThing("changed outside");
        var changed = await stack.UpAsync();
        changed.Summary.ResourceChanges![OperationType.Update].ShouldBe(1, "the user follows the shared thing's new value");
        File.ReadAllText(Path.Combine(_f.Provider.CloudDirectory, (string)up.Outputs["userName"].Value!)).ShouldBe("changed outside");

        var destroy = await stack.DestroyAsync();
        destroy.Summary.Result.ShouldBe(UpdateState.Succeeded);
        _f.Provider.Existing().ShouldBe([SharedId], "destroy deletes what the stack made and only forgets what it read");
        _f.Provider.Deletes.ShouldBe(1);
        (await stack.ExportStackAsync()).Json.ShouldNotContain(SharedId);
    }

    [Fact]
    public async Task ReadResourceLeavesTheProgram_IsDroppedFromTheStateNotDeleted()
    {
        MakeSharedThing("hello");
        var stack = await _f.StackAsync(Program());
        await stack.UpAsync();

        var events = new List<EngineEvent>();
        await stack.UpAsync(new UpOptions { Program = Program(readShared: false), OnEvent = events.Add });

        events.OfType<ResourcePreEvent>().Single(e => e.Metadata.Urn.EndsWith("::shared")).Metadata.Op.ShouldBe(OperationType.ReadDiscard);
        _f.Provider.Existing().ShouldBe([SharedId]);
        (await stack.ExportStackAsync()).Json.ShouldNotContain(SharedId);
    }

    [Fact]
    public async Task ManagedResourceCannotBecomeARead_NothingIsDeleted()
    {
        var managed = PulumiFn.Create(() => { _ = new Thing("shared", new ThingArgs { Name = SharedId, Value = "mine" }); });
        var stack = await _f.StackAsync(managed);
        await stack.UpAsync();

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { Program = PulumiFn.Create(() => { _ = new Thing("shared", new ThingArgs(), new CustomResourceOptions { Id = SharedId }); }) }));

        error.Message.ShouldContain("is managed by this stack, so it cannot be read");
        _f.Provider.Existing().ShouldBe([SharedId]);
        _f.Provider.Deletes.ShouldBe(0);
    }

    [Fact]
    public async Task ReadOfAMissingId_FailsNamingTheId_AndRecordsNothing()
    {
        var stack = await _f.StackAsync(Program(id: "no-such-thing"));

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());

        error.Message.ShouldContain("no resource with id 'no-such-thing' exists to read");
        _f.Provider.Creates.ShouldBe(0);
    }
}

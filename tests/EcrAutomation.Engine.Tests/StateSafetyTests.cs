using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.State;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>The checkpoint is never lost, never misread, and every command agrees on which stacks exist.</summary>
public sealed class CheckpointSafetyTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static PulumiFn Program(string value) => PulumiFn.Create(() =>
        new Dictionary<string, object?> { ["value"] = new Thing("t", new ThingArgs { Value = value }).Value });

    private string StacksDir => Path.GetDirectoryName(_f.StackFile())!;

    private static FileStateStorage Files(WorkspaceStack stack) => (FileStateStorage)stack.Workspace.Store.Storage;

    private static string ThingValue(Snapshot snapshot) =>
        snapshot.Resources.Single(r => r.Type == FileCloudProvider.ThingType).Outputs.GetString("value")!;

    [Fact]
    public void JournalSyncTimer_FiringAfterDispose_DoesNothing()
    {
        var path = Path.Combine(_f.Root, "j.journal");
        var writer = new FileJournal.Writer(new FileJournal(path, null), path);
        var journal = new StateJournal(writer, null);
        journal.End(null, new ResourceState { Urn = "urn:pulumi:dev::proj::test:index:Thing::t", Type = FileCloudProvider.ThingType }, null);
        journal.Dispose();
        Should.NotThrow(writer.Sync, "the timer callback can run after Dispose; it must not touch the closed file");
        File.ReadAllLines(path).Length.ShouldBe(1);
    }

    [Fact]
    public async Task CheckpointWrite_AtEveryFileOperation_LeavesAStackEveryCommandSeesWithTheNewState()
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.UpAsync();
        var layouts = new List<string>();
        Files(stack).AfterFileOperation = () =>
        {
            // What a kill at this instant leaves on disk.
            var copy = Path.Combine(_f.Root, "layouts", layouts.Count.ToString());
            var stacks = Directory.CreateDirectory(Path.Combine(copy, ".pulumi", "stacks", "proj")).FullName;
            foreach (var file in Directory.GetFiles(StacksDir)) File.Copy(file, Path.Combine(stacks, Path.GetFileName(file)));
            layouts.Add(copy);
        };
        await stack.UpAsync(new UpOptions { Program = Program("v2") });
        Files(stack).AfterFileOperation = null;

        layouts.Count.ShouldBeGreaterThanOrEqualTo(5, "temp written, backup copied, backup renamed, checkpoint renamed, journal removed");
        foreach (var layout in layouts)
        {
            var store = new StackStore(layout);
            File.Exists(store.StackFile("proj", "dev")).ShouldBeTrue($"{layout}: the stack file must exist at every instant");
            store.List("proj").ShouldBe(["dev"], layout);
            store.HasOnlyBackup("proj", "dev").ShouldBeFalse(layout);
            ThingValue(store.Load("proj", "dev", null, out _)).ShouldBe("v2", layout);
        }
    }

    [Fact]
    public async Task StackWithOnlyBackupAndJournal_IsListedRefusedByEveryCommandAndRecovered()
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.UpAsync();
        // What an interrupted save of an older version left: the backup, the journal of the run, a temp file.
        var store = stack.Workspace.Store;
        var updated = store.Load("proj", "dev", null, out _).Resources.Single(r => r.Type == FileCloudProvider.ThingType);
        updated = updated with { Outputs = updated.Outputs.Set("value", Providers.PropertyValue.Of("v2")) };
        using (var journal = store.OpenJournal("proj", "dev", null)) journal.End(null, updated, null);
        File.Move(_f.StackFile(), _f.StackFile() + ".bak", overwrite: true);
        File.WriteAllText(_f.StackFile() + ".tmp-0badf00d", "{\"version\":3,");
        var before = Directory.GetFiles(StacksDir).ToDictionary(f => f, FileHash.Of);

        (await stack.Workspace.ListStacksAsync()).ShouldBe(["dev"]);
        stack.Workspace.NeedsRecovery("dev").ShouldBeTrue();
        await Should.ThrowAsync<StackAlreadyExistsException>(() => stack.Workspace.CreateStackAsync("dev"));
        var up = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        up.Message.ShouldContain(_f.StackFile() + ".bak");
        up.Message.ShouldContain("ecr-automation stack recover --stack dev");
        await Should.ThrowAsync<UpdateFailedException>(() => stack.DestroyAsync());
        (await Should.ThrowAsync<StateException>(() => stack.GetOutputsAsync())).Message.ShouldContain("stack recover");
        await Should.ThrowAsync<StateException>(() => stack.ExportStackAsync());
        Directory.GetFiles(StacksDir).ToDictionary(f => f, FileHash.Of).ShouldBe(before, "refusing changes nothing");
        _f.Provider.Creates.ShouldBe(1);

        (await stack.Workspace.RecoverStackAsync("dev")).ShouldBe(1);
        stack.Workspace.NeedsRecovery("dev").ShouldBeFalse();
        File.Exists(_f.StackFile() + ".journal").ShouldBeFalse();
        File.Exists(_f.StackFile() + ".tmp-0badf00d").ShouldBeFalse("the killed write's temp file is cleared");
        ThingValue(store.Load("proj", "dev", null, out _)).ShouldBe("v2", "the journal's change is replayed over the backup");
        await Should.ThrowAsync<StateException>(() => stack.Workspace.RecoverStackAsync("dev"));
    }

    public static TheoryData<string, string> CorruptCheckpoints => new()
    {
        { "resources is a number", """{"version":3,"checkpoint":{"stack":"organization/proj/dev","latest":{"manifest":{},"resources":5}}}""" },
        { "latest is a string", """{"version":3,"checkpoint":{"stack":"organization/proj/dev","latest":"nothing"}}""" },
        { "checkpoint is an array", """{"version":3,"checkpoint":[]}""" },
        { "version is a string", """{"version":"3","checkpoint":{}}""" },
        { "a resource is a string", """{"version":3,"checkpoint":{"latest":{"resources":["x"]}}}""" },
        { "urn is a number", """{"version":3,"checkpoint":{"latest":{"resources":[{"urn":1,"type":"t:m:T","custom":true}]}}}""" },
        { "inputs is an array", """{"version":3,"checkpoint":{"latest":{"resources":[{"urn":"urn:pulumi:dev::proj::t:m:T::a","type":"t:m:T","inputs":[]}]}}}""" },
        { "dependencies is a string", """{"version":3,"checkpoint":{"latest":{"resources":[{"urn":"urn:pulumi:dev::proj::t:m:T::a","type":"t:m:T","dependencies":"b"}]}}}""" },
        { "custom is a string", """{"version":3,"checkpoint":{"latest":{"resources":[{"urn":"urn:pulumi:dev::proj::t:m:T::a","type":"t:m:T","custom":"yes"}]}}}""" },
        { "pending operation of unknown type", """{"version":3,"checkpoint":{"latest":{"pending_operations":[{"type":"exploding","resource":{"urn":"urn:pulumi:dev::proj::t:m:T::a","type":"t:m:T"}}]}}}""" },
        { "created is not a time", """{"version":3,"checkpoint":{"latest":{"resources":[{"urn":"urn:pulumi:dev::proj::t:m:T::a","type":"t:m:T","created":"yesterday"}]}}}""" },
        { "truncated", """{"version":3,"checkpoint":{"latest":{"resou""" },
        { "a secret's ciphertext is a number", """{"version":3,"checkpoint":{"latest":{"resources":[{"urn":"urn:pulumi:dev::proj::t:m:T::a","type":"t:m:T","outputs":{"x":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","ciphertext":5}}}]}}}""" },
        { "a resource reference without urn", """{"version":3,"checkpoint":{"latest":{"resources":[{"urn":"urn:pulumi:dev::proj::t:m:T::a","type":"t:m:T","inputs":{"x":{"4dabf18193072939515e22adb298388d":"5cf8f73096256a8f31e491e813e4eb8e"}}}]}}}""" },
    };

    [Theory]
    [MemberData(nameof(CorruptCheckpoints))]
    public async Task CorruptCheckpoint_StopsEveryOperationNamingFileAndBackup_BothUntouched(string what, string corrupt)
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.UpAsync();
        await stack.UpAsync(new UpOptions { Program = Program("v2") }); // so that a backup exists
        File.WriteAllText(_f.StackFile(), corrupt);
        var before = Directory.GetFiles(StacksDir).ToDictionary(f => f, FileHash.Of);

        foreach (var operation in new Func<Task>[] { () => stack.UpAsync(), () => stack.PreviewAsync(), () => stack.RefreshAsync(), () => stack.DestroyAsync() })
        {
            var error = await Should.ThrowAsync<UpdateFailedException>(operation, what);
            error.Message.ShouldContain($"the checkpoint '{_f.StackFile()}' cannot be read", Case.Sensitive, what);
            error.Message.ShouldContain(_f.StackFile() + ".bak", Case.Sensitive, what);
        }
        await Should.ThrowAsync<StateException>(() => stack.GetOutputsAsync());
        await Should.ThrowAsync<StateException>(() => stack.ExportStackAsync());
        await Should.ThrowAsync<StateException>(() => stack.Workspace.RemoveStackAsync("dev"));
        Directory.GetFiles(StacksDir).ToDictionary(f => f, FileHash.Of).ShouldBe(before, what);
        _f.Provider.Creates.ShouldBe(1, what);
        _f.Provider.Deletes.ShouldBe(0, what);
    }

    [Fact]
    public async Task CorruptJournalRecord_StopsTheOperationNamingJournalAndLine()
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.UpAsync();
        File.WriteAllText(_f.StackFile() + ".journal", "{\"kind\":\"end\",\"resource\":{\"urn\":5}}\n{\"kind\":\"end\"}\n");
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        error.Message.ShouldContain($"the state journal '{_f.StackFile()}.journal' is corrupt at line 1");
        _f.Provider.Creates.ShouldBe(1);
    }

    [Fact]
    public async Task CorruptCheckpoint_MovedAside_RecoversFromBackup()
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.UpAsync();
        await stack.UpAsync(new UpOptions { Program = Program("v2") });
        File.Move(_f.StackFile(), _f.StackFile() + ".corrupt");
        await stack.Workspace.RecoverStackAsync("dev");
        (await stack.GetOutputsAsync())["value"].Value.ShouldBe("v1", "the backup is the state before the last save");
    }

    [Fact]
    public async Task KilledBeforeFinalSave_NextNoOpRun_CompactsTheJournalIntoTheCheckpoint()
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.PreviewAsync(); // records the stack's auto-naming seed, the only other atomic write
        Files(stack).AfterFileOperation = () => throw new IOException("killed before the final save");
        await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        Files(stack).AfterFileOperation = null;
        CheckpointResourceCount().ShouldBe(0, "the checkpoint is stale: the journal holds the run");
        File.Exists(_f.StackFile() + ".journal").ShouldBeTrue();

        var noOp = await stack.UpAsync();
        noOp.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        CheckpointResourceCount().ShouldBe(3, "stack, provider and thing are in the checkpoint file itself");
        File.Exists(_f.StackFile() + ".journal").ShouldBeFalse();
    }

    private int CheckpointResourceCount()
    {
        var latest = JsonNode.Parse(File.ReadAllText(_f.StackFile()))!["checkpoint"]!["latest"];
        return latest?["resources"]?.AsArray().Count ?? 0;
    }
}

public sealed class UrnOptionTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private const string A = "urn:pulumi:dev::proj::test:index:Thing::a";
    private const string B = "urn:pulumi:dev::proj::test:index:Thing::b";
    private const string C = "urn:pulumi:dev::proj::test:index:Thing::c";

    private static PulumiFn Program() => PulumiFn.Create(() =>
    {
        var a = new Thing("a");
        new Thing("b");
        new Thing("c", new ThingArgs { Value = a.Arn });
    });

    private async Task<WorkspaceStack> DeployedAsync()
    {
        var stack = await _f.StackAsync(Program());
        await stack.UpAsync();
        return stack;
    }

    private Dictionary<string, string> StateFiles() =>
        Directory.GetFiles(Path.Combine(_f.Root, "state", ".pulumi"), "*", SearchOption.AllDirectories).ToDictionary(f => f, FileHash.Of);

    private async Task<List<string>> UrnsInStateAsync(WorkspaceStack stack) =>
        [.. JsonDocument.Parse((await stack.ExportStackAsync()).Json).RootElement.GetProperty("deployment").GetProperty("resources")
            .EnumerateArray().Select(r => r.GetProperty("urn").GetString()!).Where(u => u.Contains("test:index:Thing"))];

    [Fact]
    public async Task Destroy_Target_DeletesOnlyThatResource()
    {
        var stack = await DeployedAsync();
        var result = await stack.DestroyAsync(new DestroyOptions { Target = [B] });
        result.Summary.ResourceChanges![OperationType.Delete].ShouldBe(1);
        (await UrnsInStateAsync(stack)).ShouldBe([A, C], ignoreOrder: true);
        _f.Provider.Existing().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Destroy_TargetWithDependents_RefusedWithoutTheFlag_DeletesThemWithIt()
    {
        var stack = await DeployedAsync();
        var before = StateFiles();
        var error = await Should.ThrowAsync<InvalidUrnException>(() => stack.DestroyAsync(new DestroyOptions { Target = [A] }));
        error.Urns.ShouldBe([C]);
        error.Message.ShouldContain("--target-dependents");
        StateFiles().ShouldBe(before);
        _f.Provider.Deletes.ShouldBe(0);

        await stack.DestroyAsync(new DestroyOptions { Target = [A], TargetDependents = true });
        (await UrnsInStateAsync(stack)).ShouldBe([B]);
        _f.Provider.Deletes.ShouldBe(2);
    }

    public static TheoryData<string, string> BadUrns => new()
    {
        { "urn:pulumi:dev::proj::test:index:Thing::made-up", "could not be found in the stack" },
        { "not-a-urn", "is not a valid URN" },
        { "urn:pulumi:prod::proj::test:index:Thing::a", "could not be found in the stack" },
    };

    [Theory]
    [MemberData(nameof(BadUrns))]
    public async Task UnknownOrMalformedUrn_InEveryOperation_IsRefusedNamingItBeforeAnyChange(string urn, string expected)
    {
        var stack = await DeployedAsync();
        var before = StateFiles();
        var calls = new Func<Task>[]
        {
            () => stack.DestroyAsync(new DestroyOptions { Target = [urn] }),
            () => stack.UpAsync(new UpOptions { Target = [urn] }),
            () => stack.UpAsync(new UpOptions { Replace = [urn] }),
            () => stack.PreviewAsync(new PreviewOptions { Target = [urn] }),
            () => stack.PreviewAsync(new PreviewOptions { Replace = [urn] }),
            () => stack.RefreshAsync(new RefreshOptions { Target = [urn] }),
        };
        foreach (var call in calls)
        {
            var error = await Should.ThrowAsync<InvalidUrnException>(call);
            error.Urns.ShouldBe([urn]);
            error.Message.ShouldContain($"'{urn}' {expected}");
        }
        StateFiles().ShouldBe(before, "no lock, journal, history or checkpoint change");
        _f.Provider.Existing().Count.ShouldBe(3);
        (_f.Provider.Creates, _f.Provider.Updates, _f.Provider.Deletes).ShouldBe((3, 0, 0));
    }
}


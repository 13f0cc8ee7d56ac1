using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

public sealed class DeploymentTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static PulumiFn Program(string value = "v1", string replaceKey = "a", bool withSecond = true) => PulumiFn.Create(() =>
    {
        var first = new Thing("first", new ThingArgs { Value = value, ReplaceKey = replaceKey });
        var outputs = new Dictionary<string, object?> { ["firstName"] = first.PhysicalName };
        if (withSecond)
        {
            var second = new Thing("second", new ThingArgs { Value = first.Arn });
            outputs["secondValue"] = second.Value;
        }
        return outputs;
    });

    [Fact]
    public async Task Up_NewStack_CreatesResourcesAndExportsOutputs()
    {
        var stack = await _f.StackAsync(Program());
        var result = await stack.UpAsync(_f.Up());

        result.Summary.ResourceChanges![OperationType.Create].ShouldBe(3);
        _f.Provider.Existing().Count.ShouldBe(2);
        var firstName = (string)result.Outputs["firstName"].Value!;
        firstName.ShouldStartWith("first-");
        firstName.Length.ShouldBe("first-".Length + 7);
        result.Outputs["secondValue"].Value.ShouldBe("arn:test:" + firstName);
        result.StandardOutput.ShouldContain("+ 3 created");
        result.StandardOutput.ShouldContain("Duration:");
        _f.Events.Last().ShouldBeOfType<CancelEvent>();
        _f.Events.OfType<SummaryEvent>().Single().Result.ShouldBe(UpdateOutcome.Succeeded);
    }

    [Fact]
    public async Task Up_Twice_SecondIsNoOpAndKeepsAutoNames()
    {
        var stack = await _f.StackAsync(Program());
        var first = await stack.UpAsync();
        var before = File.ReadAllBytes(_f.StackFile());
        var second = await stack.UpAsync();

        second.Summary.ResourceChanges![OperationType.Same].ShouldBe(3);
        second.Summary.ResourceChanges.ContainsKey(OperationType.Create).ShouldBeFalse();
        second.Outputs["firstName"].Value.ShouldBe(first.Outputs["firstName"].Value);
        second.StandardOutput.ShouldContain("3 unchanged");
        File.ReadAllBytes(_f.StackFile()).ShouldBe(before, "a no-op up must not rewrite the state");
        _f.Provider.Creates.ShouldBe(2);
    }

    [Fact]
    public async Task Preview_BeforeAnyUp_ChangesNothingAndReportsPlan()
    {
        var stack = await _f.StackAsync(Program());
        var events = new List<EngineEvent>();
        var preview = await stack.PreviewAsync(new PreviewOptions { OnEvent = events.Add });

        preview.ChangeSummary[OperationType.Create].ShouldBe(3);
        _f.Provider.Existing().ShouldBeEmpty();
        _f.Provider.Creates.ShouldBe(0);
        var second = events.OfType<ResourcePreEvent>().Single(e => e.Metadata.Urn.EndsWith("::second"));
        second.Metadata.New!.Inputs["value"].ShouldBe(State.PropertyJson.UnknownSentinel, "the first resource's arn is unknown during preview");
        preview.StandardOutput.ShouldContain("+ 3 to create");
    }

    [Fact]
    public async Task Up_ChangedInput_UpdatesInPlace_AndPreviewMatches()
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.UpAsync();
        var preview = await stack.PreviewAsync(new PreviewOptions { Program = Program("v2") });
        var up = await stack.UpAsync(new UpOptions { Program = Program("v2") });

        preview.ChangeSummary[OperationType.Update].ShouldBe(1);
        up.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        _f.Provider.Updates.ShouldBe(1);
    }

    [Fact]
    public async Task Up_ReplaceKeyChanged_CreatesNewBeforeDeletingOld()
    {
        var stack = await _f.StackAsync(Program(replaceKey: "a"));
        var first = await stack.UpAsync();
        var events = new List<EngineEvent>();
        var second = await stack.UpAsync(new UpOptions { Program = Program(replaceKey: "b"), OnEvent = events.Add });

        second.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        second.Outputs["firstName"].Value.ShouldNotBe(first.Outputs["firstName"].Value, "the replacement gets a fresh auto-name");
        var ops = events.OfType<ResourcePreEvent>().Where(e => e.Metadata.Urn.EndsWith("::first")).Select(e => e.Metadata.Op).ToList();
        ops.IndexOf(OperationType.CreateReplacement).ShouldBeLessThan(ops.IndexOf(OperationType.DeleteReplaced));
        _f.Provider.Existing().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Up_ResourceRemoved_DeletesDependentsFirst()
    {
        var stack = await _f.StackAsync(Program());
        await stack.UpAsync();
        var events = new List<EngineEvent>();
        await stack.UpAsync(new UpOptions { Program = PulumiFn.Create(() => { }), OnEvent = events.Add });

        var deletes = events.OfType<ResourcePreEvent>().Where(e => e.Metadata.Op == OperationType.Delete).Select(e => e.Metadata.Urn).ToList();
        deletes.FindIndex(u => u.EndsWith("::second")).ShouldBeLessThan(deletes.FindIndex(u => u.EndsWith("::first")));
        _f.Provider.Existing().ShouldBeEmpty();
    }

    [Fact]
    public async Task Destroy_RemovesEverything()
    {
        var stack = await _f.StackAsync(Program());
        await stack.UpAsync();
        var result = await stack.DestroyAsync();

        result.Summary.ResourceChanges![OperationType.Delete].ShouldBe(3);
        _f.Provider.Existing().ShouldBeEmpty();
        (await stack.GetOutputsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Up_Protected_RefusesDeleteWithClearError()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("keep", new ThingArgs(), new CustomResourceOptions { Protect = true }); }));
        await stack.UpAsync();
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.DestroyAsync());

        error.Message.ShouldContain("marked for protection");
        _f.Provider.Existing().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Up_DuplicateUrn_FailsNamingTheUrn()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("same"); new Thing("same"); }));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        error.Message.ShouldContain("Duplicate resource URN 'urn:pulumi:dev::proj::test:index:Thing::same'");
    }

    [Fact]
    public async Task Up_ComponentChildren_GetParentTypeChainInUrn()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Group("g", 2, "x"); }));
        var events = new List<EngineEvent>();
        await stack.UpAsync(new UpOptions { OnEvent = events.Add });
        events.OfType<ResourceOutputsEvent>().Select(e => e.Metadata.Urn)
            .ShouldContain("urn:pulumi:dev::proj::test:index:Group$test:index:Thing::g-t1");
    }

    [Fact]
    public async Task Secrets_NeverInPlaintext_OnDiskOrInEvents()
    {
        const string secret = "s3cr3t-value-that-must-not-leak";
        var stack = await _f.StackAsync(PulumiFn.Create(() =>
        {
            var t = new Thing("s", new ThingArgs { Value = Output.CreateSecret(secret) });
            return new Dictionary<string, object?> { ["v"] = t.Value };
        }));
        var up = await stack.UpAsync(_f.Up());

        up.Outputs["v"].IsSecret.ShouldBeTrue();
        up.Outputs["v"].Value.ShouldBe(secret);
        up.StandardOutput.ShouldNotContain(secret);
        File.ReadAllText(_f.StackFile()).ShouldNotContain(secret);
        File.ReadAllText(_f.StackFile()).ShouldContain("\"ciphertext\":\"v1:");
        _f.Events.Select(EngineEventJson.Serialize).ShouldAllBe(json => !json.Contains(secret));
        var export = await stack.ExportStackAsync();
        export.Json.ShouldNotContain(secret);
    }

    [Fact]
    public async Task Secrets_WrongPassphrase_IsAClearError()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() =>
            new Dictionary<string, object?> { ["v"] = new Thing("s", new ThingArgs { Value = Output.CreateSecret("x") }).Value }));
        await stack.UpAsync();
        var other = await LocalWorkspace.SelectStackAsync(new InlineProgramArgs("proj", "dev", PulumiFn.Create(() => { }))
        {
            StateRoot = Path.Combine(_f.Root, "state"),
            WorkDir = Path.Combine(_f.Root, "work"),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "wrong" },
        });
        var error = await Should.ThrowAsync<Secrets.IncorrectPassphraseException>(() => other.GetOutputsAsync());
        error.Message.ShouldContain("incorrect passphrase");
    }

    [Fact]
    public async Task State_Corrupt_ClearErrorAndFileUntouched()
    {
        var stack = await _f.StackAsync(Program());
        await stack.UpAsync();
        var path = _f.StackFile();
        var truncated = File.ReadAllBytes(path)[..100];
        File.WriteAllBytes(path, truncated);

        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        error.Message.ShouldContain("not valid JSON");
        File.ReadAllBytes(path).ShouldBe(truncated);
    }

    [Fact]
    public async Task Lock_HeldByLiveProcess_ThrowsConcurrentUpdate()
    {
        var stack = await _f.StackAsync(Program());
        using var holder = System.Diagnostics.Process.Start("sleep", "30");
        var lockDir = Path.Combine(_f.Root, "state", ".pulumi", "locks", "organization", "proj", "dev");
        Directory.CreateDirectory(lockDir);
        File.WriteAllText(Path.Combine(lockDir, Guid.NewGuid() + ".json"),
            $"{{\"pid\":{holder.Id},\"username\":\"ci\",\"hostname\":\"{Environment.MachineName}\",\"timestamp\":\"2026-01-01T00:00:00Z\"}}");
        try
        {
            var error = await Should.ThrowAsync<ConcurrentUpdateException>(() => stack.UpAsync());
            error.Message.ShouldContain("the stack is currently locked by");
            error.Message.ShouldContain($"pid {holder.Id}");
            (await stack.CancelAsync()).ShouldHaveSingleItem().ShouldContain($"(pid {holder.Id})");
            await stack.UpAsync();
        }
        finally { holder.Kill(); }
    }

    [Fact]
    public async Task Lock_LeftByDeadProcess_IsRemovedWithWarning()
    {
        var stack = await _f.StackAsync(Program());
        var dead = System.Diagnostics.Process.Start("true");
        dead.WaitForExit();
        var lockDir = Path.Combine(_f.Root, "state", ".pulumi", "locks", "organization", "proj", "dev");
        Directory.CreateDirectory(lockDir);
        File.WriteAllText(Path.Combine(lockDir, Guid.NewGuid() + ".json"),
            $"{{\"pid\":{dead.Id},\"username\":\"ci\",\"hostname\":\"{Environment.MachineName}\",\"timestamp\":\"2026-01-01T00:00:00Z\"}}");
        var up = await stack.UpAsync();
        up.StandardOutput.ShouldContain("removed a stale lock");
    }

    [Fact]
    public async Task ConcurrentStacks_InOneProcess_DoNotInterfere()
    {
        var stacks = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _f.StackAsync(PulumiFn.Create(() =>
            new Dictionary<string, object?> { ["n"] = new Thing($"t{i}", new ThingArgs { Value = i.ToString() }).Value }), $"s{i}")));
        var results = await Task.WhenAll(stacks.Select(s => s.UpAsync()));
        results.Select(r => r.Outputs["n"].Value).ShouldBe(["0", "1", "2", "3"]);
    }

    [Fact]
    public async Task ExpectNoChanges_WithChanges_FailsWithoutApplying()
    {
        var stack = await _f.StackAsync(Program("v1"));
        await stack.UpAsync();
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { Program = Program("v2"), ExpectNoChanges = true }));
        error.Message.ShouldContain("no changes were expected");
        _f.Provider.Updates.ShouldBe(0);
    }

    [Fact]
    public async Task Refresh_DriftDeletedBehindEngine_DropsFromStateAndUpRecreates()
    {
        var stack = await _f.StackAsync(Program(withSecond: false));
        await stack.UpAsync();
        foreach (var f in Directory.GetFiles(_f.Provider.CloudDirectory)) File.Delete(f);
        var refresh = await stack.RefreshAsync();
        refresh.Summary.ResourceChanges![OperationType.Delete].ShouldBe(1);
        var up = await stack.UpAsync();
        up.Summary.ResourceChanges![OperationType.Create].ShouldBe(1);
        _f.Provider.Existing().Count.ShouldBe(1);
    }

    [Fact]
    public async Task ExportImport_RoundTripsPulumiShape()
    {
        var stack = await _f.StackAsync(Program());
        await stack.UpAsync();
        var export = await stack.ExportStackAsync();
        export.Json.ShouldContain("\"version\": 3");
        export.Json.ShouldContain("\"deployment\"");
        await stack.ImportStackAsync(export);
        var again = await stack.UpAsync();
        again.Summary.ResourceChanges![OperationType.Same].ShouldBe(3);
    }

    [Fact]
    public async Task Cancellation_StopsSchedulingAndLeavesLoadableState()
    {
        _f.Provider.Delay = TimeSpan.FromMilliseconds(200);
        var stack = await _f.StackAsync(PulumiFn.Create(() => { for (var i = 0; i < 20; i++) new Group($"g{i}", 3, "x"); }));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { Parallel = 4 }, cts.Token));
        error.Result.ShouldBe(UpdateOutcome.Canceled);
        _f.Provider.Delay = TimeSpan.Zero;
        var converge = await stack.UpAsync();
        _f.Provider.Existing().Count.ShouldBe(60);
        converge.Summary.Result.ShouldBe(UpdateState.Succeeded);
    }
}

public sealed class StateIntegrityTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Import_StateWithDependencyCycle_IsRejectedWithClearErrorAndStateUntouched()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); }));
        await stack.UpAsync();
        var before = File.ReadAllBytes(_f.StackFile());
        const string a = "urn:pulumi:dev::proj::test:index:Thing::a";
        const string b = "urn:pulumi:dev::proj::test:index:Thing::b";
        var cyclic = $$$"""
            {"version":3,"deployment":{"manifest":{"time":"2026-01-01T00:00:00Z","magic":"","version":""},"resources":[
              {"urn":"{{{a}}}","custom":true,"id":"a","type":"test:index:Thing","dependencies":["{{{b}}}"]},
              {"urn":"{{{b}}}","custom":true,"id":"b","type":"test:index:Thing","dependencies":["{{{a}}}"]}]}}
            """;
        var error = await Should.ThrowAsync<InvalidInputException>(() => stack.ImportStackAsync(StackDeployment.FromJsonString(cyclic)));
        error.Message.ShouldContain("comes after it");
        File.ReadAllBytes(_f.StackFile()).ShouldBe(before);
    }

    [Fact]
    public void SnapshotOrder_Cycle_NamesTheResources()
    {
        var a = new State.ResourceState { Urn = "urn:pulumi:s::p::t:m:T::a", Type = "t:m:T", Dependencies = ["urn:pulumi:s::p::t:m:T::b"] };
        var b = new State.ResourceState { Urn = "urn:pulumi:s::p::t:m:T::b", Type = "t:m:T", Dependencies = ["urn:pulumi:s::p::t:m:T::a"] };
        var error = Should.Throw<State.StateException>(() => State.SnapshotOrder.Sort([a, b]));
        error.Message.ShouldContain("dependency cycle");
        error.Message.ShouldContain("::a");
    }
}

public sealed class PulumiCompatibilityTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Checkpoint_HasPulumiShape_DefaultProviderBeforeItsUsers_AndStackRoot()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); new Thing("b"); }));
        await stack.SetConfigAsync("test:token", new ConfigValue("provider-secret-value", IsSecret: true));
        await stack.UpAsync();

        var text = File.ReadAllText(_f.StackFile());
        text.ShouldNotContain("provider-secret-value");
        using var doc = System.Text.Json.JsonDocument.Parse(text);
        doc.RootElement.GetProperty("version").GetInt32().ShouldBe(3);
        var checkpoint = doc.RootElement.GetProperty("checkpoint");
        checkpoint.GetProperty("stack").GetString().ShouldBe("organization/proj/dev");
        var latest = checkpoint.GetProperty("latest");
        latest.GetProperty("manifest").GetProperty("magic").GetString()!.Length.ShouldBe(64);
        var resources = latest.GetProperty("resources").EnumerateArray().ToList();
        resources[0].GetProperty("type").GetString().ShouldBe("pulumi:pulumi:Stack");
        resources[0].GetProperty("urn").GetString().ShouldBe("urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev");
        var providerIndex = resources.FindIndex(r => r.GetProperty("type").GetString() == "pulumi:providers:test");
        providerIndex.ShouldBeGreaterThan(-1);
        var provider = resources[providerIndex];
        var reference = $"{provider.GetProperty("urn").GetString()}::{provider.GetProperty("id").GetString()}";
        foreach (var (r, i) in resources.Select((r, i) => (r, i)).Where(x => x.r.GetProperty("type").GetString() == "test:index:Thing"))
        {
            r.GetProperty("provider").GetString().ShouldBe(reference);
            i.ShouldBeGreaterThan(providerIndex);
        }

        await stack.DestroyAsync();
        (await stack.ExportStackAsync()).Json.ShouldNotContain("pulumi:providers:test");
    }
}

public sealed class TargetingTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static PulumiFn Program(string a, string b, bool failB = false) => PulumiFn.Create(() =>
    {
        var first = new Thing("a", new ThingArgs { Value = a });
        new Thing("b", new ThingArgs { Value = b });
        new Thing("c", new ThingArgs { Value = first.Arn });
    });

    [Fact]
    public async Task Up_Target_ChangesOnlyTheTarget_AndWithDependentsItsDependents()
    {
        var stack = await _f.StackAsync(Program("1", "1"));
        await stack.UpAsync();
        const string a = "urn:pulumi:dev::proj::test:index:Thing::a";
        var targeted = await stack.UpAsync(new UpOptions { Program = Program("2", "2"), Target = [a] });
        targeted.Summary.ResourceChanges![OperationType.Update].ShouldBe(1, "only a is updated; b's change waits");
        var all = await stack.PreviewAsync(new PreviewOptions { Program = Program("2", "2") });
        all.ChangeSummary[OperationType.Update].ShouldBe(1, "b still has its pending change");
    }

    [Fact]
    public async Task Up_ContinueOnError_CreatesIndependentResourcesDespiteAFailure()
    {
        _f.Provider.FailOn.Add("b");
        var stack = await _f.StackAsync(Program("1", "1"));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { ContinueOnError = true }));
        error.Message.ShouldContain("creating 'b-");
        _f.Provider.Existing().Count.ShouldBe(2, "a and c were created although b failed");
        _f.Provider.FailOn.Clear();
        var retry = await stack.UpAsync();
        retry.Summary.ResourceChanges![OperationType.Create].ShouldBe(1);
        _f.Provider.Existing().Count.ShouldBe(3);
    }
}

public sealed class AutoNamingTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static PulumiFn Program() => PulumiFn.Create(() =>
        new Dictionary<string, object?> { ["name"] = new Thing("web").PhysicalName });

    [Fact]
    public async Task AutoName_PreviewAndUpAgree_AndOtherStacksGetOtherNames()
    {
        var stack = await _f.StackAsync(Program());
        var events = new List<EngineEvent>();
        await stack.PreviewAsync(new PreviewOptions { OnEvent = events.Add });
        var planned = events.OfType<ResourcePreEvent>().Single(e => e.Metadata.Urn.EndsWith("::web")).Metadata.New!.Inputs["name"];
        var up = await stack.UpAsync();
        up.Outputs["name"].Value.ShouldBe(planned);

        var other = await _f.StackAsync(Program(), stack: "prod");
        (await other.UpAsync()).Outputs["name"].Value.ShouldNotBe(planned);
    }
}

public sealed class ResourceOptionTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task IgnoreChanges_KeepsRecordedValue()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("t", new ThingArgs { Value = "1" }); }));
        await stack.UpAsync();
        var up = await stack.UpAsync(new UpOptions { Program = PulumiFn.Create(() => { new Thing("t", new ThingArgs { Value = "2" }, new CustomResourceOptions { IgnoreChanges = ["value"] }); }) });
        up.Summary.ResourceChanges!.ContainsKey(OperationType.Update).ShouldBeFalse();
        _f.Provider.Updates.ShouldBe(0);
    }

    [Fact]
    public async Task Alias_RenamedResource_IsNotReplaced()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("old-name"); }));
        await stack.UpAsync();
        var up = await stack.UpAsync(new UpOptions { Program = PulumiFn.Create(() => { new Thing("new-name", null, new CustomResourceOptions { Aliases = [new Alias { Name = "old-name" }] }); }) });
        up.Summary.ResourceChanges!.ContainsKey(OperationType.Create).ShouldBeFalse();
        up.Summary.ResourceChanges.ContainsKey(OperationType.Delete).ShouldBeFalse();
        _f.Provider.Creates.ShouldBe(1);
        _f.Provider.Existing().Count.ShouldBe(1);
    }

    [Fact]
    public async Task RetainOnDelete_LeavesCloudResource()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("kept", null, new CustomResourceOptions { RetainOnDelete = true }); }));
        await stack.UpAsync();
        await stack.DestroyAsync();
        _f.Provider.Existing().Count.ShouldBe(1);
        _f.Provider.Deletes.ShouldBe(0);
    }

    [Fact]
    public async Task DeleteBeforeReplace_DeletesOldFirst()
    {
        PulumiFn Program(string key) => PulumiFn.Create(() => { new Thing("t", new ThingArgs { Name = "fixed-name", ReplaceKey = key }, new CustomResourceOptions { DeleteBeforeReplace = true }); });
        var stack = await _f.StackAsync(Program("a"));
        await stack.UpAsync();
        var events = new List<EngineEvent>();
        var up = await stack.UpAsync(new UpOptions { Program = Program("b"), OnEvent = events.Add });
        up.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        var ops = events.OfType<ResourcePreEvent>().Where(e => e.Metadata.Urn.EndsWith("::t")).Select(e => e.Metadata.Op).ToList();
        ops.IndexOf(OperationType.DeleteReplaced).ShouldBeLessThan(ops.IndexOf(OperationType.CreateReplacement));
        _f.Provider.Existing().ShouldBe(["fixed-name"], "the same physical name could be reused because the old one went first");
    }

    [Fact]
    public async Task CustomTimeout_CutsOffASlowCreate()
    {
        _f.Provider.Delay = TimeSpan.FromSeconds(5);
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("slow", null, new CustomResourceOptions { CustomTimeouts = new CustomTimeouts { Create = TimeSpan.FromMilliseconds(200) } }); }));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        error.Message.ShouldContain("did not finish within its custom timeout");
    }
}

public sealed class ReplaceOptionTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Up_Replace_ForcesReplacementOfAnUnchangedResource()
    {
        var program = PulumiFn.Create(() => new Dictionary<string, object?> { ["name"] = new Thing("t").PhysicalName });
        var stack = await _f.StackAsync(program);
        var first = await stack.UpAsync();
        var up = await stack.UpAsync(new UpOptions { Replace = ["urn:pulumi:dev::proj::test:index:Thing::t"] });
        up.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        up.Outputs["name"].Value.ShouldNotBe(first.Outputs["name"].Value);
        _f.Provider.Existing().ShouldBe([(string)up.Outputs["name"].Value!]);
    }
}

public sealed class ProgramFailureTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task ProgramThrows_StartedStepsAreRecorded_DeletesSkipped_ErrorNamesTheException()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("keep"); new Thing("other"); }));
        await stack.UpAsync();
        _f.Provider.Delay = TimeSpan.FromMilliseconds(200);
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions
        {
            Program = PulumiFn.Create((Action)(() =>
            {
                new Thing("keep");
                new Thing("started-before-the-throw");
                throw new InvalidOperationException("the program broke");
            })),
        }));
        error.Message.ShouldContain("the program broke");
        _f.Provider.Deletes.ShouldBe(0, "a failed program never deletes what it did not register");
        var export = await stack.ExportStackAsync();
        export.Json.ShouldContain("started-before-the-throw", Case.Sensitive, "the create that was in flight is recorded");
        export.Json.ShouldNotContain("pending_operations");
    }
}


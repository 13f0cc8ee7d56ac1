using System.Collections.Immutable;
using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Providers;
using EcrAutomation.State;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>Typed kinds and results are written with the exact strings Pulumi's events, history and checkpoints use.</summary>
public sealed class WireFormatTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static StepEventMetadata Step(OperationType op, IReadOnlyDictionary<string, PropertyDiffEvent>? detailedDiff = null) =>
        new(op, "urn:pulumi:dev::p::test:index:Thing::t", "test:index:Thing", null, null, null, null, detailedDiff, false);

    [Fact]
    public void Events_WriteOpsSeveritiesDiffKindsAndResultsAsPulumiStrings()
    {
        var pre = new ResourcePreEvent(Step(OperationType.CreateReplacement,
            new Dictionary<string, PropertyDiffEvent> { ["name"] = new(DiffKind.UpdateReplace, true) }), false);
        EngineEventJson.Serialize(pre).ShouldContain("\"op\":\"create-replacement\"");
        EngineEventJson.Serialize(pre).ShouldContain("\"detailedDiff\":{\"name\":{\"diffKind\":\"update-replace\",\"inputDiff\":true}}");
        EngineEventJson.Serialize(new DiagnosticEvent(null, "m", DiagnosticSeverity.InfoError)).ShouldContain("\"severity\":\"info#err\"");
        EngineEventJson.Serialize(new ResourcePreEvent(Step(OperationType.ReadDiscard), false)).ShouldContain("\"op\":\"discard\"");
    }

    [Fact]
    public void SummaryEvent_WritesChangeCountsInPulumisKeyOrder_AndTheResult()
    {
        var changes = ImmutableDictionary<OperationType, int>.Empty
            .Add(OperationType.Update, 1).Add(OperationType.Same, 2).Add(OperationType.CreateReplacement, 3).Add(OperationType.Create, 4);
        var json = EngineEventJson.Serialize(new SummaryEvent(false, 1, changes, false, UpdateOutcome.Canceled));
        json.ShouldContain("\"resourceChanges\":{\"create\":4,\"create-replacement\":3,\"same\":2,\"update\":1}");
        json.ShouldContain("\"result\":\"canceled\"");
    }

    [Fact]
    public async Task History_RecordsKindResultAndChangesAsPulumiStrings_ACanceledRunAsFailed()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); }));
        await stack.UpAsync();
        _f.Provider.Delay = TimeSpan.FromMilliseconds(200);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var many = PulumiFn.Create(() => { for (var i = 0; i < 20; i++) new Group($"g{i}", 3, "x"); });
        (await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync(new UpOptions { Program = many, Parallel = 4 }, cts.Token))).Result.ShouldBe(UpdateOutcome.Canceled);

        var files = Directory.GetFiles(Path.Combine(_f.Root, "state", ".pulumi", "history", "proj", "dev"), "*.history.json");
        var entries = files.Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement).OrderBy(e => e.GetProperty("startTime").GetString()).ToList();
        entries.Count.ShouldBe(2);
        entries[0].GetProperty("kind").GetString().ShouldBe("update");
        entries[0].GetProperty("result").GetString().ShouldBe("succeeded");
        entries[0].GetProperty("resourceChanges").GetRawText().ShouldBe("{\n    \"create\": 2\n  }".Replace("\n", Environment.NewLine));
        entries[1].GetProperty("kind").GetString().ShouldBe("update");
        entries[1].GetProperty("result").GetString().ShouldBe("failed", "Pulumi's history has no canceled result");

        var history = await stack.GetHistoryAsync();
        history.Select(h => (h.Kind, h.Result)).ShouldBe([(UpdateKind.Update, UpdateState.Failed), (UpdateKind.Update, UpdateState.Succeeded)]);
        history[1].ResourceChanges![OperationType.Create].ShouldBe(2);
    }

    [Fact]
    public void PendingOperation_RoundTripsThroughTheCheckpointAsPulumisTypeString()
    {
        var resource = new ResourceState { Urn = "urn:pulumi:dev::p::test:index:Thing::t", Type = "test:index:Thing", Custom = true };
        var snapshot = new Snapshot([], [new PendingOperation(resource, PendingOperationType.Creating)]);
        using var stream = new MemoryStream();
        CheckpointSerializer.WriteCheckpoint(stream, "organization/p/dev", snapshot, null, DateTimeOffset.UnixEpoch);
        var json = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        json.ShouldContain("\"type\":\"creating\"");
        var (read, _) = CheckpointSerializer.ReadCheckpoint(stream.ToArray(), null);
        read.PendingOperations.ShouldHaveSingleItem().Type.ShouldBe(PendingOperationType.Creating);

        var bad = json.Replace("\"type\":\"creating\"", "\"type\":\"sleeping\"");
        Should.Throw<StateException>(() => CheckpointSerializer.ReadCheckpoint(System.Text.Encoding.UTF8.GetBytes(bad), null))
            .Message.ShouldContain("must be one of creating, updating, deleting, reading, importing, not 'sleeping'");
    }

    [Fact]
    public void Events_PrintAsTheirPulumiJson()
    {
        var prelude = new PreludeEvent(ImmutableSortedDictionary<string, string>.Empty.Add("aws:region", "us-east-1")) { Sequence = 0, Timestamp = 1 };
        prelude.ToString().ShouldBe("""{"sequence":0,"timestamp":1,"preludeEvent":{"config":{"aws:region":"us-east-1"}}}""");
        new CancelEvent { Sequence = 7, Timestamp = 2 }.ToString().ShouldBe(EngineEventJson.Serialize(new CancelEvent { Sequence = 7, Timestamp = 2 }));
    }
}

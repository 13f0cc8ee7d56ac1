using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class EventStreamTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task UpWithEventsAsync_YieldsOrderedEventsEndingWithCancel()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); }));
        var events = new List<EngineEvent>();
        await foreach (var e in stack.UpWithEventsAsync()) events.Add(e);

        events[0].ShouldBeOfType<PreludeEvent>();
        events[^1].ShouldBeOfType<CancelEvent>();
        events.Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, events.Count).Select(i => (long)i));
        events.OfType<SummaryEvent>().Single().ResourceChanges[OperationType.Create].ShouldBe(2);

        var preview = new List<EngineEvent>();
        await foreach (var e in stack.PreviewWithEventsAsync()) preview.Add(e);
        preview.OfType<SummaryEvent>().Single().ResourceChanges[OperationType.Same].ShouldBe(2);
    }
}

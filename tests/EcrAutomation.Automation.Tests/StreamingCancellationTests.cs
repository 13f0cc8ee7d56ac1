using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class StreamingCancellationTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task CancelingUpWithEvents_FailsLikeUpAsync_AfterReleasingLockAndJournal()
    {
        _f.Provider.Delay = TimeSpan.FromSeconds(2);
        var stack = await _f.StackAsync(PulumiFn.Create(() => { for (var i = 0; i < 4; i++) new Thing($"t{i}"); }));
        using var cts = new CancellationTokenSource();
        var events = new List<EngineEvent>();
        var error = await Should.ThrowAsync<UpdateFailedException>(async () =>
        {
            await foreach (var e in stack.UpWithEventsAsync(new UpOptions(), cts.Token))
            {
                events.Add(e);
                if (e is ResourcePreEvent { Metadata.Type: FileCloudProvider.ThingType }) await cts.CancelAsync();
            }
        });
        error.Result.ShouldBe(UpdateOutcome.Canceled);
        events[^1].ShouldBeOfType<CancelEvent>();
        var locks = Path.Combine(_f.Root, "state", ".pulumi", "locks", "organization", "proj", "dev");
        Directory.GetFiles(locks).ShouldBeEmpty("the lock is released before the exception reaches the caller");
        File.Exists(_f.StackFile() + ".journal").ShouldBeFalse("the journal is compacted before the exception reaches the caller");

        _f.Provider.Delay = TimeSpan.Zero;
        (await stack.UpAsync()).Summary.Result.ShouldBe(UpdateState.Succeeded);
        _f.Provider.Existing().Count.ShouldBe(4);
    }

    [Fact]
    public async Task StoppingToReadUpWithEvents_CancelsTheRunAndReleasesTheLockBeforeReturning()
    {
        _f.Provider.Delay = TimeSpan.FromSeconds(2);
        var stack = await _f.StackAsync(PulumiFn.Create(() => { for (var i = 0; i < 4; i++) new Thing($"t{i}"); }));
        await foreach (var e in stack.UpWithEventsAsync())
            if (e is ResourcePreEvent { Metadata.Type: FileCloudProvider.ThingType }) break;

        var locks = Path.Combine(_f.Root, "state", ".pulumi", "locks", "organization", "proj", "dev");
        Directory.GetFiles(locks).ShouldBeEmpty("the abandoned run was cancelled and finished before the loop ended");
        File.Exists(_f.StackFile() + ".journal").ShouldBeFalse();
        _f.Provider.Delay = TimeSpan.Zero;
        (await stack.UpAsync()).Summary.Result.ShouldBe(UpdateState.Succeeded);
    }
}

using EcrAutomation.Cli.Workers;

namespace EcrAutomation.Cli.Tests;

/// <summary>How a worker tells from a stack's history whether a tick is still to run.</summary>
public sealed class ScheduledTickTests
{
    private static readonly DateTimeOffset Tick = new(2026, 12, 5, 16, 7, 45, TimeSpan.Zero);

    [Fact]
    public void TickOf_ReadsTheTickOfAnUpdateAndOfItsRefresh_AndNothingElse()
    {
        var message = ScheduledDeploymentWorker.TickMessage(Tick);
        message.ShouldBe("scheduled run 2026-12-05T16:07:45Z");
        ScheduledDeploymentWorker.TickOf(message).ShouldBe(Tick);
        ScheduledDeploymentWorker.TickOf(message + " (refresh)").ShouldBe(Tick);
        ScheduledDeploymentWorker.TickOf("run at worker start").ShouldBeNull();
        ScheduledDeploymentWorker.TickOf("scheduled run soon").ShouldBeNull();
        ScheduledDeploymentWorker.TickOf(null).ShouldBeNull();
    }

    [Fact]
    public void ATickIsCoveredByItsOwnRun_ElseByTheLatestLaterRun_AndNeverByAnEarlierOne()
    {
        var earlier = Tick.AddSeconds(-3);
        var later = Tick.AddSeconds(3);
        var latest = Tick.AddSeconds(6);
        ScheduledDeploymentWorker.CoveredBy([], Tick).ShouldBeNull();
        ScheduledDeploymentWorker.CoveredBy([earlier], Tick).ShouldBeNull("an earlier run leaves the tick to run");
        ScheduledDeploymentWorker.CoveredBy([later, Tick, earlier], Tick).ShouldBe(Tick);
        ScheduledDeploymentWorker.CoveredBy([later, latest, earlier], Tick).ShouldBe(latest, "a later run supersedes the tick: it never runs after it");
    }
}

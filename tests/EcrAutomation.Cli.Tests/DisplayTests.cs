using System.Collections.Immutable;
using EcrAutomation.Automation.Display;
using EcrAutomation.Events;

namespace EcrAutomation.Cli.Tests;

public sealed class DisplayTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private static StepEventMetadata Step(OperationType op, string urn, string type, string parent = "") =>
        new(op, urn, type, null, new StepEventStateMetadata(urn, type, true, false, "", parent, false, false, new Dictionary<string, object?>(), new Dictionary<string, object?>()), null, null, null, false);

    [Fact]
    public void FailedStackRow_ReadsFailed_WithoutAStraySpace()
    {
        var report = new ProgressReport("dev", UpdateKind.Update, false);
        var stack = Step(OperationType.Same, "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", "pulumi:pulumi:Stack");
        report.Apply(new ResourcePreEvent(stack, false));
        report.Apply(new ResourceOperationFailedEvent(stack, 0, 0));
        var text = report.Render();
        text.ShouldContain("**failed**");
        text.ShouldNotContain("** failed**");
    }

    [Fact]
    public void CanceledOperation_SaysSoUnderTheStack_AndKeepsTheTree()
    {
        var report = new ProgressReport("dev", UpdateKind.Update, false);
        var stack = Step(OperationType.Create, "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", "pulumi:pulumi:Stack");
        report.Apply(new ResourcePreEvent(stack, false));
        report.Apply(new ResourcePreEvent(Step(OperationType.Create, "urn:pulumi:dev::p::random:index:RandomId::id", "random:index:RandomId", stack.Urn), false));
        report.Apply(new SummaryEvent(false, 1, ImmutableDictionary<OperationType, int>.Empty, false, UpdateOutcome.Canceled));
        var text = report.Render();
        text.ShouldContain("pulumi:pulumi:Stack (dev):\n    error: update canceled");
        text.ShouldMatch(@"\+\s+pulumi:pulumi:Stack\s+p-dev");
        text.ShouldContain("└─ random:index:RandomId");
    }

    [Fact]
    public void Events_PrintAsTheirPulumiJson()
    {
        var prelude = new PreludeEvent(ImmutableSortedDictionary<string, string>.Empty.Add("aws:region", "us-east-1")) { Sequence = 0, Timestamp = 1 };
        prelude.ToString().ShouldBe("""{"sequence":0,"timestamp":1,"preludeEvent":{"config":{"aws:region":"us-east-1"}}}""");
        new CancelEvent { Sequence = 7, Timestamp = 2 }.ToString().ShouldBe(EngineEventJson.Serialize(new CancelEvent { Sequence = 7, Timestamp = 2 }));
    }

    [Fact]
    public async Task NoOpUp_PrintsOneBlankLineBetweenHeaderAndTree()
    {
        (await _cli.RunAsync("up", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
        var again = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        again.ExitCode.ShouldBe(0, again.Stderr);
        again.Stdout.ShouldStartWith("Updating (dev):\n\n     Type");
    }
}

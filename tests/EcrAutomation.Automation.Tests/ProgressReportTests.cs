using System.Collections.Immutable;
using EcrAutomation.Automation.Display;
using EcrAutomation.Events;

namespace EcrAutomation.Automation.Tests;

public sealed class ProgressReportTests
{
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
    public void Summary_CountsChangesByKind_InThePastForAnUpdate_AndAsAPlanForAPreview()
    {
        var changes = ImmutableDictionary<OperationType, int>.Empty.Add(OperationType.Create, 2).Add(OperationType.Update, 1).Add(OperationType.Same, 4);
        var update = new ProgressReport("dev", UpdateKind.Update, false);
        update.Apply(new SummaryEvent(false, 75, changes, false, UpdateOutcome.Succeeded));
        update.Render().ShouldEndWith("Resources:\n    + 2 created\n    ~ 1 updated\n    3 changes. 4 unchanged\n\nDuration: 1m15s\n");

        var preview = new ProgressReport("dev", UpdateKind.Preview, false);
        preview.IsPreview.ShouldBeTrue();
        preview.Header.ShouldBe("Previewing update (dev):");
        preview.Apply(new SummaryEvent(false, 1, changes, true, UpdateOutcome.Succeeded));
        preview.Render().ShouldEndWith("Resources:\n    + 2 to create\n    ~ 1 to update\n    3 changes. 4 unchanged\n");
    }

    [Theory]
    [InlineData(UpdateKind.Refresh, false, "Refreshing (dev):")]
    [InlineData(UpdateKind.Refresh, true, "Previewing refresh (dev):")]
    [InlineData(UpdateKind.Destroy, false, "Destroying (dev):")]
    [InlineData(UpdateKind.Destroy, true, "Previewing destroy (dev):")]
    public void Header_NamesTheOperation(UpdateKind kind, bool isPreview, string header) =>
        new ProgressReport("dev", kind, isPreview).Header.ShouldBe(header);

    [Fact]
    public void KindsTheEngineDoesNotRun_AreRefused() =>
        Should.Throw<ArgumentException>(() => new ProgressReport("dev", UpdateKind.Rename, false)).Message.ShouldContain("'rename'");

    [Fact]
    public void ErrorDiagnostics_ArePrintedAsProgress_AndListedUnderTheirResource()
    {
        var report = new ProgressReport("dev", UpdateKind.Update, false);
        var urn = "urn:pulumi:dev::p::test:index:Thing::t";
        report.Apply(new ResourcePreEvent(Step(OperationType.Create, urn, "test:index:Thing"), false));
        report.Apply(new DiagnosticEvent(urn, "it broke", DiagnosticSeverity.Error)).ShouldBe(" error: it broke");
        report.Apply(new DiagnosticEvent(urn, "careful", DiagnosticSeverity.Warning)).ShouldBeNull();
        report.Render().ShouldContain("Diagnostics:\n  test:index:Thing (t):\n    error: it broke\n    warning: careful\n");
    }
}

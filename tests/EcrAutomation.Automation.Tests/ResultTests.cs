using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class ResultTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task UpResult_HasTypedSummaryAndOutputs_WithSecretsFlagged()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() =>
        {
            var thing = new Thing("a", new ThingArgs { Name = "a-thing" });
            return new Dictionary<string, object?> { ["name"] = thing.PhysicalName, ["token"] = Output.CreateSecret("s3cr3t") };
        }));
        var up = await stack.UpAsync(new UpOptions { Message = "first" });

        up.Summary.Kind.ShouldBe(UpdateKind.Update);
        up.Summary.Result.ShouldBe(UpdateState.Succeeded);
        up.Summary.Message.ShouldBe("first");
        up.Summary.ResourceChanges.ShouldBe(new Dictionary<OperationType, int> { [OperationType.Create] = 2 });
        up.Outputs["name"].ShouldBe(new OutputValue("a-thing", false));
        up.Outputs["token"].ShouldBe(new OutputValue("s3cr3t", true));
        up.StandardOutput.ShouldContain("token: [secret]");
        (await stack.GetOutputsAsync())["token"].IsSecret.ShouldBeTrue();
    }

    [Fact]
    public async Task OnProgressReport_HandsOverTheOneReportTheRunsTextIsBuiltFrom_BeforeTheFirstEvent()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); }));
        Display.ProgressReport? report = null;
        var eventsBeforeReport = 0;
        var up = await stack.UpAsync(new UpOptions
        {
            OnProgressReport = r => report = report is null ? r : throw new InvalidOperationException("handed over twice"),
            OnEvent = _ => { if (report is null) eventsBeforeReport++; },
        });

        eventsBeforeReport.ShouldBe(0);
        report.ShouldNotBeNull().Kind.ShouldBe(UpdateKind.Update);
        up.StandardOutput.ShouldContain(report.RenderTreeOnly().TrimEnd());
    }

    [Fact]
    public async Task PreviewResult_CountsPlannedChangesByOperationType()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); new Thing("b"); }));
        var preview = await stack.PreviewAsync();
        preview.ChangeSummary.ShouldBe(new Dictionary<OperationType, int> { [OperationType.Create] = 3 });
        preview.StandardOutput.ShouldStartWith("Previewing update (dev):");
        _f.Provider.Existing().ShouldBeEmpty();
    }

    [Fact]
    public async Task FailedUp_ThrowsWithItsKindAndOutcome_AndIsRecordedAsFailedInHistory()
    {
        var stack = await _f.StackAsync(PulumiFn.Create((Action)(() => throw new InvalidOperationException("the program broke"))));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.UpAsync());
        error.Kind.ShouldBe(UpdateKind.Update);
        error.Result.ShouldBe(UpdateOutcome.Failed);
        error.Message.ShouldStartWith("update failed:");
        error.Errors.ShouldContain(e => e.Contains("the program broke"));
        error.Report.ShouldNotBeNull().ShouldContain("the program broke");
        (await stack.GetHistoryAsync()).ShouldHaveSingleItem().Result.ShouldBe(UpdateState.Failed);
    }

    [Fact]
    public async Task RefreshExpectingNoChanges_WithDrift_FailsAsARefresh()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); }));
        await stack.UpAsync();
        foreach (var file in Directory.GetFiles(_f.Provider.CloudDirectory)) File.Delete(file);
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.RefreshAsync(new RefreshOptions { ExpectNoChanges = true }));
        error.Kind.ShouldBe(UpdateKind.Refresh);
        error.Result.ShouldBe(UpdateOutcome.Failed);
    }

    [Fact]
    public async Task History_IsNewestFirst_AndPaged()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); }));
        await stack.UpAsync(new UpOptions { Message = "one" });
        await stack.UpAsync(new UpOptions { Message = "two" });
        await stack.DestroyAsync(new DestroyOptions { Message = "three" });

        (await stack.GetHistoryAsync()).Select(h => (h.Kind, h.Message)).ShouldBe([(UpdateKind.Destroy, "three"), (UpdateKind.Update, "two"), (UpdateKind.Update, "one")]);
        (await stack.GetHistoryAsync(new HistoryOptions { Page = 2, PageSize = 2 })).ShouldHaveSingleItem().Message.ShouldBe("one");
        var destroy = (await stack.GetHistoryAsync(new HistoryOptions { PageSize = 1 })).ShouldHaveSingleItem();
        destroy.ResourceChanges.ShouldBe(new Dictionary<OperationType, int> { [OperationType.Delete] = 2 });
    }
}

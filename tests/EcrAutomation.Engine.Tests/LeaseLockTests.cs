using EcrAutomation.Automation;
using EcrAutomation.State;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>The stack lock in a folder: one lock file taken by an atomic create, a lease, takeover only when it lapsed or its process is gone.</summary>
public sealed class LeaseLockTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static PulumiFn Program() => PulumiFn.Create(() => { new Thing("t"); });

    private string LockFile => Path.Combine(_f.Root, "state", ".pulumi", "locks", "organization", "proj", "dev", StackStore.LockName);

    private void PlantLock(string host, int pid, DateTimeOffset leaseExpires)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LockFile)!);
        File.WriteAllText(LockFile, $$"""{"pid":{{pid}},"username":"ci","hostname":"{{host}}","timestamp":"2026-01-01T00:00:00Z","operation":"update","leaseExpires":"{{leaseExpires:O}}"}""");
    }

    [Fact]
    public async Task LockOfAnotherHost_WithItsLeaseRunning_RefusesNamingTheHolder_AndIsLeftAlone()
    {
        var stack = await _f.StackAsync(Program());
        PlantLock("runner-7", 4242, DateTimeOffset.UtcNow.AddHours(1));
        var before = File.ReadAllText(LockFile);

        var error = await Should.ThrowAsync<ConcurrentUpdateException>(() => stack.UpAsync());
        error.Message.ShouldContain("the stack is currently locked by 1 lock(s)");
        error.Message.ShouldContain("ci@runner-7 (pid 4242)");
        error.Message.ShouldContain("running update, lease until");
        File.ReadAllText(LockFile).ShouldBe(before);
        _f.Provider.Creates.ShouldBe(0);
    }

    [Fact]
    public async Task LockOfAnotherHost_WhoseLeaseLapsed_IsTakenOverWithAWarning_AndReleasedAfterTheRun()
    {
        var stack = await _f.StackAsync(Program());
        PlantLock("runner-7", 4242, DateTimeOffset.UtcNow.AddMinutes(-1));

        var up = await stack.UpAsync();
        up.StandardOutput.ShouldContain("warning: took over the stack's lock from ci@runner-7 (pid 4242)");
        File.Exists(LockFile).ShouldBeFalse("released after the run");
    }

    [Fact]
    public async Task LockOfADeadProcessOnThisHost_IsTakenOverAtOnce_InAFolder()
    {
        var stack = await _f.StackAsync(Program());
        var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        PlantLock(Environment.MachineName, dead.Id, DateTimeOffset.UtcNow.AddHours(1));

        var up = await stack.UpAsync();
        up.StandardOutput.ShouldContain($"removed a stale lock left by process {dead.Id}");
    }

    [Fact]
    public async Task HeldLock_IsRenewed_AndItsFileNamesTheHolderAndOperation()
    {
        var stack = await _f.StackAsync(Program());
        var store = stack.Workspace.Store;
        using var held = store.AcquireLock("proj", "dev", operation: "update");
        var first = LockInfo.Parse(File.ReadAllBytes(LockFile))!;
        first.Pid.ShouldBe(Environment.ProcessId);
        first.Operation.ShouldBe("update");
        first.LeaseExpires.ShouldNotBeNull();

        held.Renew();
        var renewed = LockInfo.Parse(File.ReadAllBytes(LockFile))!;
        renewed.Id.ShouldBe(first.Id);
        renewed.LeaseExpires!.Value.ShouldBeGreaterThanOrEqualTo(first.LeaseExpires.Value);
        held.LostReason.ShouldBeNull();
        Should.Throw<StackLockedException>(() => store.AcquireLock("proj", "dev")).Holder!.Id.ShouldBe(first.Id);
    }
}

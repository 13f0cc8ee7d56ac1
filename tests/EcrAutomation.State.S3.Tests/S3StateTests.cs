using System.Diagnostics;
using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Testing;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.State.S3.Tests;

/// <summary>Updates on the S3 backend: writes proportional to change, crash recovery from journal segments, takeover after a lapsed lease.</summary>
public sealed class S3StateTests : IAsyncLifetime
{
    private S3Backend _s3 = null!;

    public async Task InitializeAsync() => _s3 = await S3Backend.LocalCloudAsync();

    public async Task DisposeAsync() => await _s3.DisposeAsync();

    private string Root => _s3.Root;
    private string CloudDir => Path.Combine(Root, "things");

    private Task<WorkspaceStack> StackAsync(int groups, FileCloudProvider provider, string backendUrl, TimeSpan? lease = null) =>
        LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("crash", "dev", PulumiFn.Create(() =>
        {
            for (var g = 0; g < groups; g++) new Group($"g{g}", 3, "v");
        }))
        {
            StateRoot = Path.Combine(Root, "home"),
            WorkDir = Path.Combine(Root, "work"),
            Providers = FileCloudProvider.Registry(provider),
            BackendUrl = backendUrl,
            StateStorageFactory = S3StateStorage.Open,
            LockLease = lease,
        });

    [Fact]
    public async Task NoOpUp_OfAThousandResources_WritesNoObjectButTheLockAndOneHistoryEntry()
    {
        var stack = await StackAsync(333, new FileCloudProvider(CloudDir), _s3.Url()); // 333 x 3 things + 333 groups + stack + provider = 1,334
        (await stack.UpAsync()).Summary.Result.ShouldBe(UpdateState.Succeeded);
        var before = await _s3.ObjectsAsync();
        var from = _s3.Proxy!.Requests.Count;

        var noOp = await stack.UpAsync();

        noOp.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);
        noOp.Summary.ResourceChanges[OperationType.Same].ShouldBeGreaterThanOrEqualTo(1000);
        var writes = _s3.WritesSince(from);
        const string locks = "/state/team/.pulumi/locks/organization/crash/dev/ecr-automation.json";
        writes.Where(w => w.EndsWith(locks, StringComparison.Ordinal)).ShouldBe([$"PUT {locks}", $"DELETE {locks}"], "the lock is taken and released");
        var others = writes.Where(w => !w.EndsWith(locks, StringComparison.Ordinal)).ToList();
        others.ShouldHaveSingleItem("nothing but the lock and the history entry is written").ShouldStartWith("PUT /state/team/.pulumi/history/crash/dev/dev-");
        var after = await _s3.ObjectsAsync();
        after.Keys.Except(before.Keys).ShouldHaveSingleItem().ShouldEndWith(".history.json");
        foreach (var (key, content) in before) after[key].ShouldBe(content, $"{key} is unchanged");
    }

    [Fact]
    public async Task UpdatedStack_IsJournaledInSegments_CompactedOnce_AndLeavesPulumisLayout()
    {
        var provider = new FileCloudProvider(CloudDir);
        var stack = await StackAsync(20, provider, _s3.Url());
        var from = _s3.Proxy!.Requests.Count;
        await stack.UpAsync();

        var writes = _s3.WritesSince(from);
        writes.Count(w => w.Contains(".json.journal/", StringComparison.Ordinal) && w.StartsWith("PUT", StringComparison.Ordinal)).ShouldBeGreaterThan(0, "changes are journaled as segments");
        writes.Count(w => w == "PUT /state/team/.pulumi/stacks/crash/dev.json").ShouldBe(1, "the checkpoint is written once, at the end");
        var keys = (await _s3.ObjectsAsync()).Keys.ToList();
        keys.ShouldNotContain(k => k.Contains(".journal", StringComparison.Ordinal), "the compaction removed the segments");
        keys.Where(k => !k.Contains("/history/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ShouldBe(
        [
            "team/.pulumi/meta.yaml",
            "team/.pulumi/stacks/crash/dev.json",
            "team/.pulumi/stacks/crash/dev.json.bak",
            "team/.pulumi/stacks/crash/dev.pulumi-tags",
        ]);
        keys.ShouldContain(k => System.Text.RegularExpressions.Regex.IsMatch(k, @"^team/\.pulumi/history/crash/dev/dev-\d+\.history\.json$"));
    }

    [Fact]
    public async Task S3Layout_IsTheFolderLayout_KeyForFile()
    {
        await (await StackAsync(2, new FileCloudProvider(CloudDir), _s3.Url())).UpAsync();
        var folder = Path.Combine(Root, "folder");
        await (await StackAsync(2, new FileCloudProvider(Path.Combine(Root, "things2")), "file://" + folder)).UpAsync();

        static string Normalize(string key) => System.Text.RegularExpressions.Regex.Replace(key, @"dev-\d+\.history", "dev-N.history");
        var s3Keys = (await _s3.ObjectsAsync()).Keys.Select(k => Normalize(k["team/".Length..])).Order(StringComparer.Ordinal);
        var fileKeys = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Normalize(Path.GetRelativePath(folder, f).Replace('\\', '/'))).Order(StringComparer.Ordinal);
        s3Keys.ShouldBe(fileKeys);
    }

    [Fact]
    public async Task KillDuringUp_NoTakeoverBeforeTheLeaseLapses_ThenTheNextUpTakesOverRecoversAndConverges()
    {
        const int groups = 100;
        var lease = TimeSpan.FromSeconds(20);
        using var host = StartHost(groups, killAfterCreates: 40, lease);
        await host.WaitForExitAsync();
        host.ExitCode.ShouldBe(137, await host.StandardError.ReadToEndAsync()); // 128 + SIGKILL
        var created = new FileCloudProvider(CloudDir).Existing().Count;
        created.ShouldBeInRange(40, groups * 3 - 1, "killed mid-update");
        var objects = await _s3.ObjectsAsync();
        objects.Keys.ShouldContain(k => k.Contains("/dev.json.journal/", StringComparison.Ordinal), "the killed run's journal segments are in the bucket");
        var lockObject = JsonDocument.Parse(objects["team/.pulumi/locks/organization/crash/dev/ecr-automation.json"]).RootElement;
        lockObject.GetProperty("pid").GetInt32().ShouldBe(host.Id);
        var leaseEnd = lockObject.GetProperty("leaseExpires").GetDateTimeOffset();

        var provider = new FileCloudProvider(CloudDir);
        var stack = await StackAsync(groups, provider, _s3.Url(), lease);
        // The holder is dead, but only its lease says so: nobody takes over before it lapses (20 s after its last renewal).
        var refused = await Should.ThrowAsync<ConcurrentUpdateException>(() => stack.UpAsync());
        refused.Message.ShouldContain("the stack is currently locked by");
        refused.Message.ShouldContain($"(pid {host.Id})");
        provider.Creates.ShouldBe(0, "nothing ran while the lease held");
        (await _s3.ObjectsAsync())["team/.pulumi/locks/organization/crash/dev/ecr-automation.json"].ShouldBe(objects["team/.pulumi/locks/organization/crash/dev/ecr-automation.json"], "the lock is untouched");
        while (DateTimeOffset.UtcNow <= leaseEnd) await Task.Delay(200);

        var up = await stack.UpAsync();
        up.StandardOutput.ShouldContain($"took over the stack's lock from ");
        up.StandardOutput.ShouldContain($"(pid {host.Id})");
        up.Summary.Result.ShouldBe(UpdateState.Succeeded);

        var deployment = JsonDocument.Parse((await stack.ExportStackAsync()).Json).RootElement.GetProperty("deployment");
        deployment.TryGetProperty("pending_operations", out _).ShouldBeFalse("every interrupted operation was resolved");
        var ids = deployment.GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == FileCloudProvider.ThingType)
            .Select(r => r.GetProperty("id").GetString()!).Order().ToList();
        ids.Count.ShouldBe(groups * 3);
        ids.Distinct().Count().ShouldBe(ids.Count, "no duplicate in state");
        provider.Existing().ShouldBe(ids, "no orphan and no duplicate in the cloud");
        (await _s3.ObjectsAsync()).Keys.ShouldNotContain(k => k.Contains(".journal", StringComparison.Ordinal) || k.Contains("/locks/", StringComparison.Ordinal));
        (await stack.UpAsync()).Summary.ResourceChanges![OperationType.Same].ShouldBe(groups * 4 + 1);
    }

    [Fact]
    public async Task WriterWhoseLockWasTakenOver_CannotOverwriteTheCheckpoint_AndKeepsItsJournal()
    {
        var provider = new FileCloudProvider(CloudDir);
        await (await StackAsync(1, provider, _s3.Url())).UpAsync();
        // Writer A's clock stands still (a process frozen by a pause or a suspended VM): it renews nothing and its 1 s lease lapses.
        var frozen = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = new StackStore(S3StateStorage.Open(new Uri(_s3.Url())), frozen) { LockLease = TimeSpan.FromSeconds(1) };
        using var aLock = a.AcquireLock("crash", "dev", operation: "update");
        var aSnapshot = a.Load("crash", "dev", null, out _);
        var aJournal = a.OpenJournal("crash", "dev", null);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // B takes the lapsed lock over; A, still believing it holds the lock, tries to save.
        var warnings = new List<string>();
        var b = new StackStore(S3StateStorage.Open(new Uri(_s3.Url())));
        var before = (await _s3.ObjectsAsync())["team/.pulumi/stacks/crash/dev.json"];
        using (b.AcquireLock("crash", "dev", warnings.Add, "update"))
        {
            warnings.ShouldHaveSingleItem().ShouldContain($"took over the stack's lock from {Environment.UserName}@{Environment.MachineName} (pid {Environment.ProcessId})");
            var lost = Should.Throw<StateException>(() => a.WriteCheckpoint("crash", "dev", Snapshot.Empty, null));
            lost.Message.ShouldContain("this run no longer holds the stack's lock: its lease lapsed and the lock was taken over by");
            (await _s3.ObjectsAsync())["team/.pulumi/stacks/crash/dev.json"].ShouldBe(before, "the checkpoint is untouched");
        }

        // B's update saves a new checkpoint; A's journal record (a change A made in the cloud) stays for the next run.
        await (await StackAsync(2, provider, _s3.Url())).UpAsync();
        var afterB = (await _s3.ObjectsAsync())["team/.pulumi/stacks/crash/dev.json"];
        var gone = aSnapshot.Resources.First(r => r.Type == FileCloudProvider.ThingType);
        aJournal.End(null, null, (gone.Urn, false));
        aJournal.Dispose();
        var refused = Should.Throw<StateException>(() => a.WriteCheckpoint("crash", "dev", Snapshot.Empty, null));
        refused.Message.ShouldContain("no longer holds the stack's lock");
        var objects = await _s3.ObjectsAsync();
        objects["team/.pulumi/stacks/crash/dev.json"].ShouldBe(afterB, "a writer that lost its lock cannot overwrite the checkpoint");
        objects.Keys.ShouldContain(k => k.StartsWith("team/.pulumi/stacks/crash/dev.json.journal/", StringComparison.Ordinal), "its journal is kept");
        new StackStore(S3StateStorage.Open(new Uri(_s3.Url()))).Load("crash", "dev", null, out _).Resources
            .ShouldNotContain(r => r.Urn == gone.Urn, "the next load replays the kept journal");
    }

    [Fact]
    public async Task CheckpointChangedSinceTheRunReadIt_IsNotOverwritten_EvenUnderTheLock()
    {
        await (await StackAsync(1, new FileCloudProvider(CloudDir), _s3.Url())).UpAsync();
        var a = new StackStore(S3StateStorage.Open(new Uri(_s3.Url())));
        using var aLock = a.AcquireLock("crash", "dev", operation: "update");
        var snapshot = a.Load("crash", "dev", null, out _);
        using (var client = _s3.Client())
            await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = S3Backend.Bucket, Key = "team/.pulumi/stacks/crash/dev.json", ContentBody = """{"version":3,"checkpoint":{"stack":"organization/crash/dev"}}""" });

        var error = Should.Throw<StateException>(() => a.WriteCheckpoint("crash", "dev", snapshot, null));
        error.Message.ShouldContain("was changed by another process since this run read it");
        (await _s3.ObjectsAsync())["team/.pulumi/stacks/crash/dev.json"].ShouldBe("""{"version":3,"checkpoint":{"stack":"organization/crash/dev"}}""");
    }

    private Process StartHost(int groups, int killAfterCreates, TimeSpan lease)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "EcrAutomation.Testing"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "up", Path.Combine(Root, "host"), CloudDir, groups.ToString(), "3", killAfterCreates.ToString() }) start.ArgumentList.Add(a);
        FakeAwsEnvironment.ApplyTo(start.Environment);
        start.Environment["PULUMI_BACKEND_URL"] = _s3.Url();
        start.Environment["ECR_AUTOMATION_LOCK_LEASE"] = lease.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Process.Start(start)!;
    }
}

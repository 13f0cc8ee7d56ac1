namespace EcrAutomation.Workloads.Tests;

/// <summary>Memory and CPU limits become cgroup limits where the machine's cgroups can enforce them.</summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private const string ShellImage = """ENTRYPOINT ["/bin/busybox", "sh", "-c"]""";

    private RunnerHarness _runner = null!;
    private Sandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        _runner = await RunnerHarness.StartAsync();
        _sandbox = await _runner.Host.CreateSandboxAsync("limits");
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        await _runner.DisposeAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task MemoryAndCpuLimits_AreTheContainersCgroupLimits()
    {
        var digest = await _runner.BuildAsync(ShellImage);
        var lines = new List<string>();

        // cgroup v1 shows the container's own cgroup under /sys/fs/cgroup/<controller>; v2 (no v1 files) at /sys/fs/cgroup.
        var container = await _sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with
        {
            Command = ["cd /sys/fs/cgroup; /bin/busybox cat memory/memory.limit_in_bytes 2>/dev/null || /bin/busybox cat memory.max; /bin/busybox cat cpu/cpu.cfs_quota_us 2>/dev/null || /bin/busybox cat cpu.max"],
            MemoryLimitBytes = 48L * 1024 * 1024,
            CpuLimit = 0.25,
            OnLog = line => { lock (lines) lines.Add(line.Text); },
        });

        (await container.Exited).ExitCode.ShouldBe(0);
        lock (lines)
        {
            if (Cgroups.CanLimitMemory) lines[0].ShouldBe("50331648");
            else lines[0].ShouldBeOneOf("max", "9223372036854771712");
            if (Cgroups.CanLimitCpu) lines[1].ShouldBeOneOf("25000", "25000 100000");
            else lines[1].ShouldBeOneOf("-1", "max 100000");
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task MemoryLimit_Exceeded_ExitsWith137_OOMKilled()
    {
        if (!Cgroups.CanLimitMemory)
        {
            Cgroups.CanLimitMemory.ShouldBeFalse("without a memory controller there is no limit to exceed; the other test checks none is set");
            return;
        }

        var digest = await _runner.BuildAsync(ShellImage);

        // dd allocates its 64 MiB block and fills it from /dev/zero: far over the 16 MiB limit.
        var container = await _sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with
        {
            Command = ["/bin/busybox dd if=/dev/zero of=/dev/null bs=64M count=4"],
            MemoryLimitBytes = 16L * 1024 * 1024,
        });

        var exit = await container.Exited;
        (exit.ExitCode, exit.Reason).ShouldBe((137, "OOMKilled"));
    }

    [Fact(Timeout = 120_000)]
    public async Task OomCounter_IsTheContainersOwnCgroupsCounter()
    {
        var digest = await _runner.BuildAsync(ShellImage);
        var container = await _sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with { Command = ["/bin/busybox sleep 30"] });

        var counter = Cgroups.OomCounterOf(RunningContainer.CgroupsPathOf(container.Id));
        counter.ShouldNotBeNull();
        File.Exists(counter).ShouldBeTrue($"{counter} is the container's own cgroup");
        Cgroups.OomKills(counter).ShouldBe(0);
        await container.StopAsync(TimeSpan.FromSeconds(1));
    }
}

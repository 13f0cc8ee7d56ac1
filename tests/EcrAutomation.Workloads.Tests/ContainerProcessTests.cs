namespace EcrAutomation.Workloads.Tests;

/// <summary>What a container runs (spec over image config, as Docker, ECS and Kubernetes combine them) and how it ends.</summary>
public sealed class ContainerProcessTests : IAsyncLifetime
{
    private const string ShellImage = """
        COPY etc/ /etc/
        ENV GREETING=image-greeting LEVEL=image-level
        WORKDIR /srv/app
        USER app
        ENTRYPOINT ["/bin/busybox", "sh", "-c"]
        CMD ["echo image-cmd"]
        """;

    private static readonly Dictionary<string, string> PasswdFiles = new()
    {
        ["etc/passwd"] = "root:x:0:0:root:/root:/bin/sh\napp:x:1234:2345:app:/home/app:/bin/sh\nweb:x:33:33:web:/var/www:/bin/sh\n",
        ["etc/group"] = "root:x:0:\napp:x:2345:\nweb:x:33:\nstaff:x:50:app\n",
    };

    private RunnerHarness _runner = null!;
    private Sandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        _runner = await RunnerHarness.StartAsync();
        _sandbox = await _runner.Host.CreateSandboxAsync("process");
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        await _runner.DisposeAsync();
    }

    private async Task<(ContainerExit Exit, List<ContainerLogLine> Lines)> RunAsync(ContainerSpec spec)
    {
        var lines = new List<ContainerLogLine>();
        var container = await _sandbox.StartContainerAsync(spec with { OnLog = line => { lock (lines) lines.Add(line); } });
        var exit = await container.Exited;
        lock (lines) return (exit, [.. lines]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Exited_ReportsTheRealExitCode_CompletedOrError()
    {
        var digest = await _runner.BuildAsync(ShellImage, PasswdFiles);

        var failed = await RunAsync(RunnerHarness.Spec(digest) with { Command = ["exit 3"] });
        var succeeded = await RunAsync(RunnerHarness.Spec(digest) with { Command = ["exit 0"] });

        (failed.Exit.ExitCode, failed.Exit.Reason).ShouldBe((3, "Error"));
        (succeeded.Exit.ExitCode, succeeded.Exit.Reason).ShouldBe((0, "Completed"));
        Testing.Infrastructure.ContainerHygiene.Find(_runner.Prefix, _runner.StateDirectory).ShouldNotContain(l => l.StartsWith("runc container", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task OnLog_StreamsStdoutAndStderr_LineByLine()
    {
        var digest = await _runner.BuildAsync(ShellImage, PasswdFiles);

        var (exit, lines) = await RunAsync(RunnerHarness.Spec(digest) with { Command = ["echo one; echo two >&2; echo three; printf 'no newline'"] });

        exit.ExitCode.ShouldBe(0);
        lines.Where(l => l.Stream == "stdout").Select(l => l.Text).ShouldBe(["one", "three", "no newline"]);
        lines.Where(l => l.Stream == "stderr").Select(l => l.Text).ShouldBe(["two"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task ImageConfig_SuppliesEntrypointCmdEnvWorkdirAndUser_WhenTheSpecLeavesThemOut()
    {
        var digest = await _runner.BuildAsync(ShellImage.Replace("echo image-cmd", "echo $(/bin/busybox id -u):$(/bin/busybox id -g):$(/bin/busybox id -G) $(pwd) $GREETING $LEVEL $HOME $HOSTNAME"), PasswdFiles);

        var (exit, lines) = await RunAsync(RunnerHarness.Spec(digest));

        exit.ExitCode.ShouldBe(0);
        lines.Select(l => l.Text).ShouldBe(["1234:2345:2345 50 /srv/app image-greeting image-level /home/app process"]);
    }

    [Fact(Timeout = 120_000)]
    public async Task Spec_OverridesCommandEnvWorkdirAndUser_EntrypointDropsTheImageCmd()
    {
        var digest = await _runner.BuildAsync(ShellImage, PasswdFiles);

        var command = await RunAsync(RunnerHarness.Spec(digest) with
        {
            Command = ["echo $(/bin/busybox id -u):$(/bin/busybox id -g) $(pwd) $GREETING $LEVEL"],
            Environment = new Dictionary<string, string> { ["GREETING"] = "spec-greeting" },
            WorkingDirectory = "/tmp/work",
            User = "web:staff",
        });
        var entrypoint = await RunAsync(RunnerHarness.Spec(digest) with { Entrypoint = ["/bin/busybox", "echo", "entrypoint"], User = "4321" });

        command.Lines.Select(l => l.Text).ShouldBe(["33:50 /tmp/work spec-greeting image-level"]);
        entrypoint.Lines.Select(l => l.Text).ShouldBe(["entrypoint"], "an entrypoint in the spec drops the image's CMD");
    }

    [Fact(Timeout = 120_000)]
    public async Task User_UnknownName_FailsTheStartWithTheReason()
    {
        var digest = await _runner.BuildAsync(ShellImage, PasswdFiles);

        var error = await Should.ThrowAsync<ContainerStartException>(() => _sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with { User = "nobody-here" }));

        error.Reason.ShouldBe("CannotStartContainerError");
        error.Message.ShouldContain("unable to find user nobody-here");
    }

    [Fact(Timeout = 120_000)]
    public async Task StartContainerAsync_ProgramMissingFromTheImage_FailsWithRuncsReason_LeavesNothing()
    {
        var digest = await _runner.BuildAsync(ShellImage, PasswdFiles);

        var error = await Should.ThrowAsync<ContainerStartException>(() => _sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with { Entrypoint = ["/bin/not-there"] }));

        error.Reason.ShouldBe("CannotStartContainerError");
        error.Message.ShouldContain("/bin/not-there");
        _sandbox.Containers.ShouldBeEmpty();
        Directory.EnumerateDirectories(Path.Combine(_runner.StateDirectory, "containers")).ShouldBeEmpty();
        Testing.Infrastructure.ContainerHygiene.Find(_runner.Prefix, _runner.StateDirectory).ShouldNotContain(l => !l.StartsWith("netns", StringComparison.Ordinal) && !l.StartsWith("veth", StringComparison.Ordinal));
    }

    [Fact(Timeout = 120_000)]
    public async Task StartContainerAsync_DigestNotInTheStore_FailsAsAPullError()
    {
        var error = await Should.ThrowAsync<ContainerStartException>(() => _sandbox.StartContainerAsync(RunnerHarness.Spec("sha256:" + new string('0', 64))));

        error.Reason.ShouldBe("CannotPullContainerError");
        error.Message.ShouldContain("not found");
    }

    [Fact(Timeout = 120_000)]
    public async Task StopAsync_ProcessIgnoringSigterm_IsKilledAfterTheGrace()
    {
        var digest = await _runner.BuildHttpdAsync();
        var container = await _sandbox.StartContainerAsync(RunnerHarness.Spec(digest));

        await container.StopAsync(TimeSpan.FromMilliseconds(300));

        var exit = await container.Exited;
        (exit.ExitCode, exit.Reason).ShouldBe((137, "Stopped"), "busybox httpd as PID 1 ignores SIGTERM, so SIGKILL ends it");
    }

    [Fact(Timeout = 120_000)]
    public async Task StopAsync_ProcessHandlingSigterm_ExitsWithinTheGrace()
    {
        var digest = await _runner.BuildAsync(ShellImage, PasswdFiles);
        var ready = new TaskCompletionSource();
        var container = await _sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with
        {
            Command = ["trap 'echo terminating; exit 0' TERM; echo ready; while true; do /bin/busybox sleep 0.1; done"],
            OnLog = line => { if (line.Text == "ready") ready.TrySetResult(); },
        });
        await ready.Task;

        await container.StopAsync(TimeSpan.FromSeconds(60));

        var exit = await container.Exited;
        (exit.ExitCode, exit.Reason).ShouldBe((0, "Stopped"));
    }

    [Fact(Timeout = 120_000)]
    public async Task ExecAsync_RunsInTheContainer_WithItsFilesAndEnvironment_AndTimesOut()
    {
        var digest = await _runner.BuildHttpdAsync("exec me\n");
        var container = await _sandbox.StartContainerAsync(RunnerHarness.Spec(digest) with { Environment = new Dictionary<string, string> { ["PROBE"] = "yes" } });

        var read = await container.ExecAsync(["/bin/busybox", "sh", "-c", "cat index.html; echo $PROBE; echo oops >&2; exit 4"], TimeSpan.FromSeconds(60));
        var slow = await container.ExecAsync(["/bin/busybox", "sleep", "30"], TimeSpan.FromMilliseconds(500));

        (read.ExitCode, read.Stdout, read.Stderr, read.TimedOut).ShouldBe((4, "exec me\nyes\n", "oops\n", false));
        (slow.ExitCode, slow.TimedOut).ShouldBe((-1, true));
        container.Exited.IsCompleted.ShouldBeFalse();
    }
}

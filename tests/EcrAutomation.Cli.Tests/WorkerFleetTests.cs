using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Cronos;
using EcrAutomation.Automation;
using EcrAutomation.State.S3;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>Several real worker processes sharing the same stacks: each tick of each stack runs on at most one of them, never after a later tick.</summary>
public sealed partial class WorkerFleetTests : IDisposable
{
    private const string Schedule = "*/3 * * * * *";
    private const int TicksPerStack = 4;
    private static readonly string[] StackNames = ["s1", "s2", "s3", "s4", "s5"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);
    private readonly CliRunner _cli = new();
    private readonly List<Worker> _workers = [];
    private MotoServerProcess? _moto;

    public void Dispose()
    {
        foreach (var worker in _workers) worker.Dispose();
        _moto?.Dispose();
        _cli.Dispose();
    }

    private const string Bucket = "team-state";

    private static AmazonS3Client S3Client(Uri endpoint) => new(
        new Amazon.Runtime.BasicAWSCredentials(FakeAwsEnvironment.AccessKey, FakeAwsEnvironment.SecretKey),
        new AmazonS3Config { ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = FakeAwsEnvironment.Region });

    /// <summary>
    /// The backend every process of the test uses: the file backend (ECR_AUTOMATION_HOME), or a bucket on moto's S3 given
    /// to the CLI processes as PULUMI_BACKEND_URL. Returns the workspace options the test reads history with, and a way to
    /// list the lock objects left.
    /// </summary>
    private async Task<(LocalWorkspaceOptions Options, Func<Task<List<string>>> Locks)> BackendAsync(string backend)
    {
        var options = new LocalWorkspaceOptions { WorkDir = _cli.ProjectDir, StateRoot = _cli.Home };
        if (backend == "file")
            return (options, () => Task.FromResult(Directory.EnumerateFiles(Path.Combine(_cli.Home, ".pulumi", "locks"), "*", SearchOption.AllDirectories).ToList()));
        _moto = await MotoServerProcess.StartAsync();
        var endpoint = _moto.Endpoint;
        using (var client = S3Client(endpoint)) await client.PutBucketAsync(Bucket);
        var url = $"s3://{Bucket}/fleet?region={FakeAwsEnvironment.Region}&endpoint={endpoint.ToString().TrimEnd('/')}";
        _cli.Environment["PULUMI_BACKEND_URL"] = url;
        options.BackendUrl = url;
        options.StateStorageFactory = S3StateStorage.Open;
        return (options, async () =>
        {
            using var client = S3Client(endpoint);
            var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = "fleet/.pulumi/locks/" });
            return [.. (listed.S3Objects ?? []).Select(o => o.Key)];
        });
    }

    /// <summary>A worker process; its output lines are collected as they come.</summary>
    private sealed partial class Worker : IDisposable
    {
        private readonly List<string> _lines = [];
        private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Worker(Process process)
        {
            Process = process;
            Output = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
        }

        public Process Process { get; }
        public Task Output { get; }
        public Task<Uri> Address => _address.Task;

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return [.. _lines]; }
        }

        private async Task ReadAsync(StreamReader reader)
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_lines) _lines.Add(line);
                if (ServingLine().Match(line) is { Success: true } m) _address.TrySetResult(new Uri(m.Groups[1].Value));
            }
            _address.TrySetException(new InvalidOperationException("the worker exited before serving /healthz:\n" + string.Join("\n", Lines)));
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }

        [GeneratedRegex(@"Serving /healthz and /metrics on (http://127\.0\.0\.1:\d+)")]
        private static partial Regex ServingLine();
    }

    [Theory]
    [InlineData("file")]
    [InlineData("s3")]
    public async Task ThreeWorkersFiveStacks_EachTickRunsOnAtMostOneWorkerInOrder_MetricsAgreeWithHistory_AndSigtermDrains(string backend)
    {
        FakeAwsEnvironment.ApplyToProcess();
        var (options, locksLeft) = await BackendAsync(backend);
        foreach (var stack in StackNames)
        {
            File.WriteAllText(Path.Combine(_cli.ProjectDir, "stacks", $"Pulumi.{stack}.yaml"), "config:\n  ecr-automation:program: sample\n");
            (await _cli.RunAsync("stack", "init", stack)).ExitCode.ShouldBe(0);
        }
        string[] named = [.. StackNames.SelectMany(s => new[] { "--stack", s })];
        _workers.Add(new Worker(_cli.StartProcess(["worker", "--all", "--schedule", Schedule, "--http", "127.0.0.1:0"])));
        _workers.Add(new Worker(_cli.StartProcess(["worker", .. named, "--schedule", Schedule, "--http", "127.0.0.1:0"])));
        _workers.Add(new Worker(_cli.StartProcess(["worker", .. named, "--schedule", Schedule, "--http", "127.0.0.1:0"])));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var patience = new CancellationTokenSource(Patience);
        var addresses = await Task.WhenAll(_workers.Select(w => w.Address.WaitAsync(patience.Token)));
        foreach (var address in addresses)
        {
            var health = await http.GetAsync(new Uri(address, "/healthz"), patience.Token);
            health.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            (await health.Content.ReadAsStringAsync(patience.Token)).ShouldBe("Healthy");
        }
        // Every tick after this moment is due on all three workers.
        var ready = DateTimeOffset.UtcNow;
        var cron = CronExpression.Parse(Schedule, CronFormat.IncludeSeconds);
        var workspace = await LocalWorkspace.CreateAsync(options);

        // The ticks due since `ready`, in order, each covered: run once, or superseded by a later tick's run when the runs
        // fall behind the schedule (a slow machine). Wait (never assume a speed) until every stack has run its first few.
        Dictionary<string, List<DateTimeOffset>> window;
        while (true)
        {
            window = [];
            var ranCounts = new List<int>();
            foreach (var stack in StackNames)
            {
                var ran = (await ScheduledUpdatesAsync(workspace, stack)).Select(u => u.Tick).ToList();
                window[stack] = [.. cron.GetOccurrences(ready.UtcDateTime, DateTime.UtcNow, fromInclusive: false)
                    .Select(t => new DateTimeOffset(t, TimeSpan.Zero)).TakeWhile(t => ran.Any(r => r >= t))];
                ranCounts.Add(ran.Count(t => t > ready));
            }
            if (window.Values.All(ticks => ticks.Count >= TicksPerStack) && ranCounts.All(n => n >= TicksPerStack)) break;
            foreach (var worker in _workers) worker.Process.HasExited.ShouldBeFalse(string.Join("\n", worker.Lines));
            if (patience.IsCancellationRequested)
                throw new ShouldAssertException($"ticks since {ready:O} not all run in time: " +
                    string.Join("; ", window.Select(w => $"{w.Key}: {w.Value.Count}")) + "\n" + string.Join("\n", _workers[0].Lines.TakeLast(40)));
            await Task.Delay(500, CancellationToken.None);
        }

        // Quiesce: hold every stack's lock from here, so no worker runs (each skips, saying it is locked) and the counts stand still.
        var held = new List<StackLockHandle>();
        foreach (var stack in StackNames)
        {
            var ws = await workspace.SelectStackAsync(stack);
            while (true)
            {
                try { held.Add(await ws.LockAsync()); break; }
                catch (ConcurrentUpdateException) { await Task.Delay(100, patience.Token); }
            }
        }
        var scraped = await Task.WhenAll(addresses.Select(a => http.GetStringAsync(new Uri(a, "/metrics"), patience.Token)));
        foreach (var stack in StackNames)
        {
            var updates = await ScheduledUpdatesAsync(workspace, stack);
            // At most once and in order: no tick ran twice, none ran after a later one, and every tick of the window ran or
            // was superseded by a later tick's run.
            updates.GroupBy(u => u.Tick).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty($"ticks of {stack} that ran more than once");
            var runOrder = updates.Select(u => u.Tick).Reverse().ToList(); // the history lists the newest first
            runOrder.ShouldBe(runOrder.Order().ToList(), $"ticks of {stack} in the order they ran");
            window[stack].ShouldAllBe(tick => updates.Any(u => u.Tick >= tick));

            Sum(scraped, "ecr_automation_worker_runs_total", stack).ShouldBe(updates.Count, $"runs of {stack}");
            Sum(scraped, "ecr_automation_worker_run_failures_total", stack).ShouldBe(updates.Count(u => u.Summary.Result != UpdateState.Succeeded), $"failures of {stack}");
            Sum(scraped, "ecr_automation_worker_run_duration_seconds_count", stack).ShouldBe(updates.Count, $"durations of {stack}");
            var lastSuccess = updates.Where(u => u.Summary.Result == UpdateState.Succeeded).Max(u => u.Summary.EndTime!.Value);
            Values(scraped, "ecr_automation_worker_last_success_timestamp_seconds", stack).Max()
                .ShouldBe(lastSuccess.ToUnixTimeMilliseconds() / 1000.0, 0.0015, $"last success of {stack}");
            // Every tick of the window was due on three workers: two of them at least skipped it (locked, run already, or superseded).
            SumAll(scraped, "ecr_automation_worker_ticks_skipped_total", stack).ShouldBeGreaterThanOrEqualTo(2 * window[stack].Count, $"skipped ticks of {stack}");
        }
        foreach (var h in held) h.Dispose();

        // SIGTERM drains: a run in progress finishes or is canceled with its state saved, locks are released, exit 0.
        foreach (var worker in _workers)
            using (var term = Process.Start("kill", ["-TERM", worker.Process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync(patience.Token);
        foreach (var worker in _workers)
        {
            await worker.Process.WaitForExitAsync(patience.Token);
            await worker.Output.WaitAsync(patience.Token);
            worker.Process.ExitCode.ShouldBe(0, string.Join("\n", worker.Lines));
            worker.Lines.ShouldContain(l => l.Contains("Application is shutting down"));
        }
        (await locksLeft()).ShouldBeEmpty();
        foreach (var stack in StackNames)
        {
            (await ScheduledUpdatesAsync(workspace, stack)).GroupBy(u => u.Tick).ShouldAllBe(g => g.Count() == 1);
            var outputs = await _cli.RunAsync("outputs", "--stack", stack, "--json");
            outputs.ExitCode.ShouldBe(0, outputs.Stderr);
            outputs.Stdout.ShouldContain("sample-");
        }
    }

    [Fact]
    public async Task LockLeftByAWorkerKilledOnAnotherHost_IsTakenOverOnlyAfterItsLeaseLapses_AndCounted()
    {
        (await _cli.RunAsync("stack", "init", "dev")).ExitCode.ShouldBe(0);
        // What a worker killed mid-update on another host leaves: its lock, with a lease nobody renews any more.
        var lockFile = Path.Combine(_cli.Home, ".pulumi", "locks", "organization", "cli-test", "dev", "ecr-automation.json");
        void LeaveLock(DateTimeOffset leaseExpires) => File.WriteAllText(lockFile, $$"""
            {"pid":4242,"username":"ci","hostname":"worker-b.example","timestamp":"2026-01-01T00:00:00+00:00","id":"killed-worker","operation":"worker: scheduled run","leaseExpires":"{{leaseExpires:O}}"}
            """);
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        LeaveLock(DateTimeOffset.UtcNow.AddHours(1));
        var worker = new Worker(_cli.StartProcess(["worker", "--stack", "dev", "--schedule", "*/2 * * * * *", "--http", "127.0.0.1:0"]));
        _workers.Add(worker);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var patience = new CancellationTokenSource(Patience);
        var address = await worker.Address.WaitAsync(patience.Token);
        var workspace = await LocalWorkspace.CreateAsync(new LocalWorkspaceOptions { WorkDir = _cli.ProjectDir, StateRoot = _cli.Home });

        // While the lease runs, every tick is skipped, naming the holder.
        while (!worker.Lines.Any(l => l.Contains("Skipped dev scheduled run") && l.Contains("the stack is currently locked by") && l.Contains("ci@worker-b.example (pid 4242)")))
        {
            worker.Process.HasExited.ShouldBeFalse(string.Join("\n", worker.Lines));
            await Task.Delay(200, patience.Token);
        }
        (await ScheduledUpdatesAsync(workspace, "dev")).ShouldBeEmpty("nobody runs while the killed worker's lease runs");

        // The lease lapses: the next tick takes the lock over, says so, counts it, and runs.
        LeaveLock(DateTimeOffset.UtcNow.AddSeconds(-1));
        List<ScheduledUpdate> updates;
        while ((updates = await ScheduledUpdatesAsync(workspace, "dev")).Count == 0)
        {
            worker.Process.HasExited.ShouldBeFalse(string.Join("\n", worker.Lines));
            await Task.Delay(200, patience.Token);
        }
        updates.ShouldAllBe(u => u.Summary.Result == UpdateState.Succeeded);
        worker.Lines.ShouldContain(l => l.Contains("Took over the lock of dev") && l.Contains("its lease lapsed"));
        var metrics = await http.GetStringAsync(new Uri(address, "/metrics"), patience.Token);
        Sum([metrics], "ecr_automation_worker_lock_takeovers_total", "dev").ShouldBe(1);
        SumAll([metrics], "ecr_automation_worker_ticks_skipped_total", "dev").ShouldBeGreaterThanOrEqualTo(1);
    }

    private sealed record ScheduledUpdate(DateTimeOffset Tick, UpdateSummary Summary);

    private static async Task<List<ScheduledUpdate>> ScheduledUpdatesAsync(LocalWorkspace workspace, string stack)
    {
        var history = await (await workspace.SelectStackAsync(stack)).GetHistoryAsync();
        return [.. history.Where(h => h.Kind == UpdateKind.Update && h.Message?.StartsWith("scheduled run ", StringComparison.Ordinal) == true)
            .Select(h => new ScheduledUpdate(DateTimeOffset.Parse(h.Message!["scheduled run ".Length..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), h))];
    }

    private static IEnumerable<double> Values(IEnumerable<string> scrapes, string metric, string stack) =>
        scrapes.SelectMany(s => s.Split('\n'))
            .Where(l => l.StartsWith($"{metric}{{stack=\"{stack}\"}} ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    private static double Sum(IEnumerable<string> scrapes, string metric, string stack) => Values(scrapes, metric, stack).Sum();

    /// <summary>The sum over every label set of <paramref name="metric"/> that has the stack's label.</summary>
    private static double SumAll(IEnumerable<string> scrapes, string metric, string stack) =>
        scrapes.SelectMany(s => s.Split('\n'))
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains($"stack=\"{stack}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}

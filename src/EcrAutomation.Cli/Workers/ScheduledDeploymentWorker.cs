using System.Diagnostics;
using System.Globalization;
using EcrAutomation.Automation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Cli.Workers;

/// <summary>
/// Runs <c>refresh</c> (optionally) and <c>up</c> of each stack on a cron schedule inside the generic host, one loop per
/// stack. Any number of workers, on one host or many, may share the stacks' backend: each tick of a stack runs on
/// most one of them, and never after a later one. The stack's lock decides who runs: a worker takes it (a lock left by a
/// gone process is taken over and counted), then checks the stack's history (each run's message names its tick) and
/// skips a tick another worker has run, or one a later tick's run has superseded (an <c>up</c> deploys the program as
/// it is now, so the older tick has nothing left to do); a worker that finds the lock taken logs who holds it and skips
/// the tick, never queueing it. Every worker tries every tick in order, so a tick is left unrun only when a later one
/// ran. A tick that comes while this worker is busy with the stack's earlier one runs right after it, so a long run
/// delays later ticks rather than losing them. On SIGTERM/Ctrl+C the host cancels the running update: the engine stops scheduling new steps, lets
/// in-flight ones finish and persists state, and the lock is released, within <see cref="HostOptions.ShutdownTimeout"/>.
/// </summary>
internal sealed class ScheduledDeploymentWorker(WorkerSettings settings, WorkerMetrics metrics, TimeProvider time, ILogger<ScheduledDeploymentWorker> logger) : BackgroundService
{
    /// <summary>How many overdue ticks a stack catches up at most; older ones are skipped (and logged) after a long outage of its runs.</summary>
    private const int MaxOverdueTicks = 10;

    /// <summary>The history message of a tick's update (its refresh adds <c> (refresh)</c>): how workers tell a tick already run.</summary>
    public static string TickMessage(DateTimeOffset tick) => $"scheduled run {tick.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(settings.Stacks.Select(stack => Task.Run(() => FollowScheduleAsync(stack, stoppingToken), CancellationToken.None)));

    private async Task FollowScheduleAsync(string stack, CancellationToken stoppingToken)
    {
        var lastTick = time.GetUtcNow();
        if (settings.RunOnStart) await RunAsync(stack, null, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var due = settings.Schedule.GetOccurrences(lastTick.UtcDateTime, now.UtcDateTime, fromInclusive: false, toInclusive: true).ToList();
            if (due.Count == 0)
            {
                var next = settings.Schedule.GetNextOccurrence(now.UtcDateTime);
                if (next is null) return;
                logger.LogInformation("Next deployment at {Next:u} for {Stack}", next, stack);
                try { await Task.Delay(next.Value - now.UtcDateTime, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
                continue;
            }
            if (due.Count > MaxOverdueTicks)
            {
                logger.LogWarning("{Stack} is {Count} ticks behind its schedule; skipping all but the last {Max}, from {First:u} to {Last:u}",
                    stack, due.Count, MaxOverdueTicks, due[0], due[^(MaxOverdueTicks + 1)]);
                due = due[^MaxOverdueTicks..];
            }
            foreach (var tick in due)
            {
                if (stoppingToken.IsCancellationRequested) return;
                await RunAsync(stack, new DateTimeOffset(tick, TimeSpan.Zero), stoppingToken);
                lastTick = new DateTimeOffset(tick, TimeSpan.Zero);
            }
        }
    }

    /// <summary>One run of a stack: a tick of the schedule, or (<paramref name="tick"/> null) the run at start.</summary>
    private async Task RunAsync(string stack, DateTimeOffset? tick, CancellationToken stoppingToken)
    {
        var message = tick is { } t ? TickMessage(t) : "run at worker start";
        try
        {
            var run = await settings.OpenStack(stack, stoppingToken);
            using var held = await TakeLockAsync(run.Stack, message, stoppingToken);
            if (held is null) return;
            if (tick is { } due && CoveredBy(await RecentTicksAsync(run.Stack, stoppingToken), due) is { } covering)
            {
                var ranItself = covering == due;
                logger.LogInformation("Skipped {Stack} {Run}: {Reason}", stack, message,
                    ranItself ? "another worker ran it" : $"the run of the later {TickMessage(covering)} superseded it");
                metrics.Skipped(stack, ranItself ? "already_ran" : "superseded");
                return;
            }
            // Counted before the lock is released, so whoever takes the lock next sees metrics that agree with the history.
            await DeployAsync(run, message, stoppingToken);
        }
        catch (Exception e) when (e is AutomationException or OperationCanceledException or IOException)
        {
            // The stack could not be opened or read; the schedule continues and the next tick tries again.
            if (!stoppingToken.IsCancellationRequested) logger.LogError("Scheduled run of {Stack} could not start: {Message}", stack, e.Message);
        }
    }

    private async Task<StackLockHandle?> TakeLockAsync(WorkspaceStack stack, string message, CancellationToken cancellationToken)
    {
        try
        {
            var held = await stack.LockAsync($"worker: {message}", cancellationToken);
            foreach (var previous in held.TakenOver)
            {
                logger.LogWarning("Took over the lock of {Stack}: {Previous}", stack.Name, previous);
                metrics.TookOver(stack.Name);
            }
            return held;
        }
        catch (ConcurrentUpdateException e)
        {
            logger.LogInformation("Skipped {Stack} {Run}: {Reason}", stack.Name, message, e.Message.ReplaceLineEndings(" "));
            metrics.Skipped(stack.Name, "locked");
            return null;
        }
    }

    /// <summary>The ticks of the stack's recent scheduled runs (refreshes included), read from their history messages.</summary>
    private static async Task<IEnumerable<DateTimeOffset>> RecentTicksAsync(WorkspaceStack stack, CancellationToken cancellationToken)
    {
        var recent = await stack.GetHistoryAsync(new HistoryOptions { PageSize = 4 * MaxOverdueTicks }, cancellationToken);
        return recent.Select(h => TickOf(h.Message)).OfType<DateTimeOffset>();
    }

    /// <summary>The tick a run's history message names, or null for a run that was not a scheduled tick.</summary>
    public static DateTimeOffset? TickOf(string? message)
    {
        const string prefix = "scheduled run ";
        if (message is null || !message.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var stamp = message[prefix.Length..].Split(' ', 2)[0];
        return DateTimeOffset.TryParseExact(stamp, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var tick) ? tick : null;
    }

    /// <summary>The tick whose run covers <paramref name="due"/>: itself, or else the latest later tick that ran; null when it is still to run.</summary>
    public static DateTimeOffset? CoveredBy(IEnumerable<DateTimeOffset> ranTicks, DateTimeOffset due)
    {
        DateTimeOffset? covering = null;
        foreach (var ran in ranTicks)
        {
            if (ran == due) return due;
            if (ran > due && (covering is null || ran > covering)) covering = ran;
        }
        return covering;
    }

    private async Task DeployAsync(ScheduledRun run, string message, CancellationToken stoppingToken)
    {
        var (stack, program, runConfig) = run;
        Action<string> output = line => settings.Output(stack.Name, line);
        var started = Stopwatch.GetTimestamp();
        using var inProgress = metrics.Running(stack.Name);
        try
        {
            if (settings.RefreshFirst)
                await stack.RefreshAsync(new RefreshOptions { OnStandardOutput = output, Message = message + " (refresh)", ConfigOverrides = runConfig }, stoppingToken);
            var result = await stack.UpAsync(new UpOptions { OnStandardOutput = output, Program = program, Message = message, ConfigOverrides = runConfig }, stoppingToken);
            logger.LogInformation("Scheduled update of {Stack} {Result} ({Run})", stack.Name, result.Summary.Result, message);
            metrics.Succeeded(stack.Name, Stopwatch.GetElapsedTime(started), result.Summary.EndTime ?? time.GetUtcNow());
        }
        catch (UpdateFailedException e) when (e.Result == UpdateOutcome.Canceled)
        {
            logger.LogWarning("The scheduled update of {Stack} was canceled by shutdown; its state was saved and the next run resumes from it.", stack.Name);
            metrics.Failed(stack.Name, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (e is AutomationException or OperationCanceledException)
        {
            // A failed run is reported and the schedule continues; the next run starts from the saved state.
            logger.LogError("Scheduled update of {Stack} failed: {Message}", stack.Name, e.Message);
            metrics.Failed(stack.Name, Stopwatch.GetElapsedTime(started));
        }
    }
}

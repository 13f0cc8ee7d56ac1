using Cronos;
using EcrAutomation.Automation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Cli.Workers;

/// <summary>What the scheduled worker runs.</summary>
internal sealed record WorkerSettings(CronExpression Schedule, bool RefreshFirst, bool RunOnStart, Func<CancellationToken, Task<ScheduledRun>> OpenStack, Action<string> Output);

/// <summary>What one scheduled run deploys: the stack, its program and the config for that run only (e.g. the local cloud's connection).</summary>
internal sealed record ScheduledRun(WorkspaceStack Stack, PulumiFn Program, IDictionary<string, ConfigValue> RunConfig);

/// <summary>
/// Runs <c>refresh</c> (optionally) and <c>up</c> on a cron schedule inside the generic host. On SIGTERM/Ctrl+C the host
/// cancels the running update: the engine stops scheduling new steps, lets in-flight ones finish, and persists state,
/// within <see cref="HostOptions.ShutdownTimeout"/>.
/// </summary>
internal sealed class ScheduledDeploymentWorker(WorkerSettings settings, TimeProvider time, ILogger<ScheduledDeploymentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runNow = settings.RunOnStart;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!runNow)
            {
                var now = time.GetUtcNow();
                var next = settings.Schedule.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc);
                if (next is null) return;
                logger.LogInformation("Next deployment at {Next:u}", next);
                try { await Task.Delay(next.Value - now.UtcDateTime, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
            runNow = false;
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var (stack, program, runConfig) = await settings.OpenStack(stoppingToken);
            if (settings.RefreshFirst) await stack.RefreshAsync(new RefreshOptions { OnStandardOutput = settings.Output, Message = "scheduled refresh", ConfigOverrides = runConfig }, stoppingToken);
            var result = await stack.UpAsync(new UpOptions { OnStandardOutput = settings.Output, Program = program, Message = "scheduled update", ConfigOverrides = runConfig }, stoppingToken);
            logger.LogInformation("Scheduled update of {Stack} {Result}", stack.Name, result.Summary.Result);
        }
        catch (UpdateFailedException e) when (e.Result == UpdateOutcome.Canceled)
        {
            logger.LogWarning("The scheduled update was canceled by shutdown; its state was saved and the next run resumes from it.");
        }
        catch (Exception e) when (e is AutomationException or OperationCanceledException)
        {
            // A failed run is reported and the schedule continues; the next run starts from the saved state.
            logger.LogError("Scheduled update failed: {Message}", e.Message);
        }
    }
}

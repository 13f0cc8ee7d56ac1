using Cronos;

namespace EcrAutomation.Cli.Workers;

/// <summary>What the scheduled worker runs: the stacks, their schedule, and how to open a stack for one run.</summary>
/// <param name="Schedule">The cron schedule (UTC) every stack follows.</param>
/// <param name="Stacks">The stacks this worker deploys.</param>
/// <param name="RefreshFirst">Refresh before each update.</param>
/// <param name="RunOnStart">Also run each stack once at start (not a scheduled tick: every worker started so runs it).</param>
/// <param name="OpenStack">Opens a stack afresh for one run, so each run sees the stack's config as it is then.</param>
/// <param name="Output">Writes one line of a stack's update report.</param>
internal sealed record WorkerSettings(
    CronExpression Schedule,
    IReadOnlyList<string> Stacks,
    bool RefreshFirst,
    bool RunOnStart,
    Func<string, CancellationToken, Task<ScheduledRun>> OpenStack,
    Action<string, string> Output);

using Prometheus;

namespace EcrAutomation.Cli.Workers;

/// <summary>
/// The worker's Prometheus metrics, per stack, in a registry of their own (served at <c>/metrics</c>): runs, failures,
/// durations, runs in progress, the last success, lock takeovers and skipped ticks.
/// </summary>
internal sealed class WorkerMetrics
{
    private readonly Counter _runs;
    private readonly Counter _failures;
    private readonly Histogram _duration;
    private readonly Gauge _inProgress;
    private readonly Gauge _lastSuccess;
    private readonly Counter _takeovers;
    private readonly Counter _skipped;

    public WorkerMetrics(IEnumerable<string> stacks)
    {
        var factory = Metrics.WithCustomRegistry(Registry);
        string[] stack = ["stack"];
        _runs = factory.CreateCounter("ecr_automation_worker_runs_total", "Scheduled runs (refresh and up) this worker made, whatever their result.", stack);
        _failures = factory.CreateCounter("ecr_automation_worker_run_failures_total", "Scheduled runs that failed or were canceled.", stack);
        _duration = factory.CreateHistogram("ecr_automation_worker_run_duration_seconds", "How long scheduled runs took.", new HistogramConfiguration
        {
            LabelNames = stack,
            Buckets = Histogram.ExponentialBuckets(0.25, 2, 12),
        });
        _inProgress = factory.CreateGauge("ecr_automation_worker_runs_in_progress", "Scheduled runs this worker is making now.", stack);
        _lastSuccess = factory.CreateGauge("ecr_automation_worker_last_success_timestamp_seconds", "When the last successful scheduled run of the stack on this worker ended (Unix time).", stack);
        _takeovers = factory.CreateCounter("ecr_automation_worker_lock_takeovers_total", "Locks of gone processes this worker took over.", stack);
        _skipped = factory.CreateCounter("ecr_automation_worker_ticks_skipped_total", "Ticks this worker skipped: the stack was locked, another worker had run the tick, or a later tick's run had superseded it.", ["stack", "reason"]);
        foreach (var s in stacks)
        {
            // Published as 0 from the start, so a stack that never ran shows up too.
            _runs.WithLabels(s);
            _failures.WithLabels(s);
            _takeovers.WithLabels(s);
            _inProgress.WithLabels(s);
        }
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>Counts a run as in progress until the returned scope is disposed.</summary>
    public IDisposable Running(string stack) => _inProgress.WithLabels(stack).TrackInProgress();

    public void Succeeded(string stack, TimeSpan duration, DateTimeOffset ended)
    {
        Ran(stack, duration);
        _lastSuccess.WithLabels(stack).Set(ended.ToUnixTimeMilliseconds() / 1000.0);
    }

    public void Failed(string stack, TimeSpan duration)
    {
        Ran(stack, duration);
        _failures.WithLabels(stack).Inc();
    }

    public void TookOver(string stack) => _takeovers.WithLabels(stack).Inc();

    public void Skipped(string stack, string reason) => _skipped.WithLabels(stack, reason).Inc();

    private void Ran(string stack, TimeSpan duration)
    {
        _runs.WithLabels(stack).Inc();
        _duration.WithLabels(stack).Observe(duration.TotalSeconds);
    }
}

using EcrAutomation.LocalCloud.Ecr;
using Microsoft.Extensions.Hosting;

namespace EcrAutomation.LocalCloud.Hosting;

/// <summary>Applies every stored lifecycle policy on a fixed interval (AWS acts within 24 h; locally it is configurable).</summary>
internal sealed class LifecycleScheduler(LifecycleRunner runner, TimeSpan interval, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await runner.ApplyAsync(null, stoppingToken).ConfigureAwait(false);
                    await runner.CollectGarbageAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bad policy or disk hiccup must not kill the schedule; the next tick retries.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

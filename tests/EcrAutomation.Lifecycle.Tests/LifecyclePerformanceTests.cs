using System.Diagnostics;
using EcrAutomation.Testing.Lifecycle;
using Xunit.Abstractions;

namespace EcrAutomation.Lifecycle.Tests;

public sealed class LifecyclePerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Evaluate_TenThousandImagesTenRules_UnderOneHundredMilliseconds()
    {
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var images = LifecycleWorkload.Images(10_000, now);
        var policy = LifecycleWorkload.Policy();
        policy.Rules.Count.ShouldBe(10);

        var warmUp = LifecycleEvaluator.Evaluate(policy, images, now);
        warmUp.Expire.Count.ShouldBeGreaterThan(0);
        warmUp.Keep.Count.ShouldBeGreaterThan(0);

        // Best of five after the warm-up: the machine is shared, so one slow sample is noise, not a regression.
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = LifecycleEvaluator.Evaluate(policy, images, now);
            stopwatch.Stop();
            result.Expire.Count.ShouldBe(warmUp.Expire.Count);
            best = stopwatch.Elapsed < best ? stopwatch.Elapsed : best;
        }

        output.WriteLine($"10,000 images x 10 rules: best of 5 = {best.TotalMilliseconds:F2} ms");
        best.TotalMilliseconds.ShouldBeLessThan(100);
    }
}

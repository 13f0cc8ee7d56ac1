using System.Diagnostics;
using System.Globalization;
using EcrAutomation.Lifecycle;
using EcrAutomation.Testing.Lifecycle;

namespace EcrAutomation.Benchmarks;

/// <summary>
/// The <c>lifecycle</c> benchmark: evaluates generated images against a ten-rule policy several times and prints,
/// as its last line, <c>{"images":10000,"rules":10,"evaluate_ms":..}</c> (median wall time of one evaluation).
/// Options: <c>--images N</c> (default 10000), <c>--iterations N</c> (default 21).
/// </summary>
public static class LifecycleBenchmark
{
    /// <summary>Runs the benchmark and prints its result.</summary>
    /// <param name="args">Optional <c>--images N</c> and <c>--iterations N</c>.</param>
    /// <returns>0 on success, 2 on a bad argument.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var imageCount = 10_000;
        var iterations = 21;
        for (var i = 0; i < args.Length; i++)
        {
            var ok = args[i] switch
            {
                "--images" when i + 1 < args.Length => int.TryParse(args[++i], CultureInfo.InvariantCulture, out imageCount) && imageCount > 0,
                "--iterations" when i + 1 < args.Length => int.TryParse(args[++i], CultureInfo.InvariantCulture, out iterations) && iterations > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine("usage: lifecycle [--images N] [--iterations N]");
                return 2;
            }
        }

        // A fixed clock and seed: every run evaluates the same workload.
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var policy = LifecycleWorkload.Policy();
        var images = LifecycleWorkload.Images(imageCount, now);

        var warmUp = LifecycleEvaluator.Evaluate(policy, images, now);
        LifecycleEvaluator.Evaluate(policy, images, now);

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = LifecycleEvaluator.Evaluate(policy, images, now);
            stopwatch.Stop();
            samples[i] = stopwatch.Elapsed.TotalMilliseconds;
            if (result.Expire.Count != warmUp.Expire.Count)
            {
                throw new InvalidOperationException("Evaluation is not deterministic.");
            }
        }

        Array.Sort(samples);
        var median = samples.Length % 2 == 1
            ? samples[samples.Length / 2]
            : (samples[(samples.Length / 2) - 1] + samples[samples.Length / 2]) / 2;

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"lifecycle: {imageCount} images x {policy.Rules.Count} rules, {iterations} runs: min {samples[0]:F2} ms, median {median:F2} ms, max {samples[^1]:F2} ms; expire {warmUp.Expire.Count}, keep {warmUp.Keep.Count}"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"images\":{imageCount},\"rules\":{policy.Rules.Count},\"evaluate_ms\":{Math.Round(median, 3)}}}"));
        return 0;
    }
}

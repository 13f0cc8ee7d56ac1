using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Aws.Http;

/// <summary>Polls until a state is reached, with a short interval, an overall timeout and cancellation.</summary>
internal static class AwsWaiter
{
    /// <summary>
    /// Polls <paramref name="poll"/> until <paramref name="evaluate"/> says <see cref="WaiterState.Success"/> (returns the last
    /// result) or <see cref="WaiterState.Failure"/> (throws <see cref="AwsWaiterFailedException"/>).
    /// </summary>
    /// <exception cref="AwsTimeoutException">The state was not reached within <see cref="AwsWaiterOptions.Timeout"/>.</exception>
    public static async Task<T> WaitUntilAsync<T>(
        string description,
        Func<CancellationToken, Task<T>> poll,
        Func<T, (WaiterState State, string Detail)> evaluate,
        AwsWaiterOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(evaluate);
        options ??= new AwsWaiterOptions();
        timeProvider ??= TimeProvider.System;
        var deadline = timeProvider.GetUtcNow() + options.Timeout;
        var attempt = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempt++;
            var result = await poll(cancellationToken).ConfigureAwait(false);
            var (state, detail) = evaluate(result);
            switch (state)
            {
                case WaiterState.Success:
                    return result;
                case WaiterState.Failure:
                    throw new AwsWaiterFailedException($"Waiting for {description} failed: {detail}");
            }

            logger?.LogDebug("Waiting for {Description} (poll {Attempt}): {Detail}", description, attempt, detail);
            if (timeProvider.GetUtcNow() + options.Interval > deadline)
            {
                throw new AwsTimeoutException($"Timed out after {options.Timeout} waiting for {description}; last state: {detail}");
            }

            await Task.Delay(options.Interval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Aws.Http;

/// <summary>Result of evaluating one poll of a waiter.</summary>
public enum WaiterState
{
    /// <summary>Not there yet; poll again.</summary>
    Pending,

    /// <summary>The awaited state was reached.</summary>
    Success,

    /// <summary>The awaited state cannot be reached any more.</summary>
    Failure,
}

/// <summary>Polling interval and overall timeout of a waiter.</summary>
public sealed record AwsWaiterOptions
{
    /// <summary>Delay between polls. Default 5 s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Overall time budget. Default 10 min.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>Polls until a state is reached, with a short interval, an overall timeout and cancellation.</summary>
public static class AwsWaiter
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

/// <summary>Follows pagination tokens (nextToken, Marker, NextMarker) until the service stops returning one.</summary>
public static class AwsPaginator
{
    /// <summary>Yields every item of every page.</summary>
    /// <param name="fetchPage">Fetches the page for a token (null for the first page).</param>
    /// <param name="items">The items of a page.</param>
    /// <param name="nextToken">The token of the next page, or null/empty at the end.</param>
    /// <param name="cancellationToken">Cancels between and during pages.</param>
    public static async IAsyncEnumerable<TItem> PaginateAsync<TPage, TItem>(
        Func<string?, CancellationToken, Task<TPage>> fetchPage,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, string?> nextToken,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        do
        {
            var page = await fetchPage(token, cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page) ?? [])
            {
                yield return item;
            }

            token = nextToken(page);
            if (!string.IsNullOrEmpty(token) && !seen.Add(token))
            {
                throw new AwsException("The service returned the same pagination token twice; stopping to avoid an endless loop.");
            }
        }
        while (!string.IsNullOrEmpty(token));
    }
}

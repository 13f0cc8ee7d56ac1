using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace EcrAutomation.Aws.Http;

/// <summary>Follows pagination tokens (nextToken, Marker, NextMarker) until the service stops returning one.</summary>
internal static class AwsPaginator
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

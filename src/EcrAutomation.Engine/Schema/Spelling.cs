namespace EcrAutomation.Schema;

/// <summary>"Did you mean" for names (types, properties, options, config keys): the closest candidate by edit distance, when it is close enough to be a typo.</summary>
public static class Spelling
{
    /// <summary>The candidate closest to <paramref name="word"/> ignoring case, or null when none is close enough to be a typo of it.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= Math.Max(1, Math.Min(word.Length, best.Length) / 3) ? best : null;
    }

    /// <summary><c>Did you mean 'x'?</c>, or null when no candidate is close.</summary>
    public static string? DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } match ? $"Did you mean '{match}'?" : null;

    /// <summary>Edit distance counting a swap of neighbours as one edit (optimal string alignment): typos are often swaps.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

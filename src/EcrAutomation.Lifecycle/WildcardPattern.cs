using System.Runtime.CompilerServices;

namespace EcrAutomation.Lifecycle;

/// <summary>A tag pattern where <c>*</c> matches any run of characters (including none); everything else is literal and case-sensitive.</summary>
internal sealed class WildcardPattern
{
    private readonly string _pattern;
    private readonly string[] _segments;

    public WildcardPattern(string pattern)
    {
        _pattern = pattern;
        _segments = pattern.Split('*');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MatchesAny(IReadOnlyList<string> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (IsMatch(tags[i]))
            {
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsMatch(string text)
    {
        if (_segments.Length == 1)
        {
            return string.Equals(text, _pattern, StringComparison.Ordinal);
        }

        var first = _segments[0];
        var last = _segments[^1];
        if (text.Length < first.Length + last.Length
            || !text.StartsWith(first, StringComparison.Ordinal)
            || !text.EndsWith(last, StringComparison.Ordinal))
        {
            return false;
        }

        // Middle segments, leftmost match each, between the anchored head and tail (greedy-left is exact for '*'-only globs).
        var position = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < _segments.Length - 1; i++)
        {
            var segment = _segments[i];
            if (segment.Length == 0)
            {
                continue;
            }

            var found = text.IndexOf(segment, position, end - position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + segment.Length;
        }

        return true;
    }
}

using System.Runtime.CompilerServices;

namespace EcrAutomation.Lifecycle;

/// <summary>A rule's tag selection compiled once per evaluation.</summary>
internal sealed class TagMatcher
{
    private readonly TagStatus _status;
    private readonly string[] _prefixes;
    private readonly WildcardPattern[] _patterns;

    public TagMatcher(LifecycleSelection selection)
    {
        _status = selection.TagStatus;
        _prefixes = [.. (selection.TagPrefixList ?? []).Distinct(StringComparer.Ordinal)];
        _patterns = [.. (selection.TagPatternList ?? []).Distinct(StringComparer.Ordinal).Select(p => new WildcardPattern(p))];
    }

    /// <summary>
    /// True when the image meets the rule's tagging requirements. For tagged rules every list entry must match at
    /// least one of the image's tags (the entries are ANDed; aws-apis.md §3.2 rule 9).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Matches(IReadOnlyList<string> tags)
    {
        switch (_status)
        {
            case TagStatus.Any:
                return true;
            case TagStatus.Untagged:
                return tags.Count == 0;
        }

        if (tags.Count == 0)
        {
            return false;
        }

        foreach (var prefix in _prefixes)
        {
            if (!AnyTagStartsWith(tags, prefix))
            {
                return false;
            }
        }

        foreach (var pattern in _patterns)
        {
            if (!pattern.MatchesAny(tags))
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AnyTagStartsWith(IReadOnlyList<string> tags, string prefix)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i].StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

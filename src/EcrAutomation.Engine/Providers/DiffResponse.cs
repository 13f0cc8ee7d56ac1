namespace EcrAutomation.Providers;

/// <summary>The outcome of a diff.</summary>
public sealed record DiffResponse(bool Changes, IReadOnlyList<string> ReplaceKeys, IReadOnlyList<string> ChangedKeys, IReadOnlyDictionary<string, DiffKind> DetailedDiff, bool DeleteBeforeReplace = false)
{
    public static readonly DiffResponse None = new(false, [], [], new Dictionary<string, DiffKind>());
}

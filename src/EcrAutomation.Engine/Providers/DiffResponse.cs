namespace EcrAutomation.Providers;

/// <summary>The outcome of <see cref="IResourceProvider.DiffAsync"/>: whether the resource changes, and whether it must be replaced.</summary>
/// <param name="Changes">Whether anything changed; false makes the step a <see cref="OperationType.Same"/>.</param>
/// <param name="ReplaceKeys">Changed properties that force a replacement; empty for an update in place.</param>
/// <param name="ChangedKeys">Every changed property (shown by <c>--diff</c> and in events).</param>
/// <param name="DetailedDiff">How each changed property changed.</param>
/// <param name="DeleteBeforeReplace">Whether the old resource must be deleted before its replacement is created (for example when both would need the same unique name).</param>
public sealed record DiffResponse(bool Changes, IReadOnlyList<string> ReplaceKeys, IReadOnlyList<string> ChangedKeys, IReadOnlyDictionary<string, DiffKind> DetailedDiff, bool DeleteBeforeReplace = false)
{
    /// <summary>No changes.</summary>
    public static readonly DiffResponse None = new(false, [], [], new Dictionary<string, DiffKind>());
}

namespace EcrAutomation.Events;

/// <summary>A property-level diff entry.</summary>
/// <param name="Kind">How the property changed.</param>
/// <param name="InputDiff">Whether the change is in the inputs (always true: diffs compare inputs).</param>
public sealed record PropertyDiffEvent(Providers.DiffKind Kind, bool InputDiff);

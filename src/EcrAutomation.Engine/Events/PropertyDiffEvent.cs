namespace EcrAutomation.Events;

/// <summary>A property-level diff entry.</summary>
public sealed record PropertyDiffEvent(Providers.DiffKind Kind, bool InputDiff);

namespace EcrAutomation.Events;

/// <summary>Describes a step: the operation, the resource, and its old and new states.</summary>
public sealed record StepEventMetadata(
    OperationType Op,
    string Urn,
    string Type,
    StepEventStateMetadata? Old,
    StepEventStateMetadata? New,
    IReadOnlyList<string>? Keys,
    IReadOnlyList<string>? Diffs,
    IReadOnlyDictionary<string, PropertyDiffEvent>? DetailedDiff,
    bool Logical,
    string Provider = "");

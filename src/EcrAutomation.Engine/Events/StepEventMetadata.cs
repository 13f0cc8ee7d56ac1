namespace EcrAutomation.Events;

/// <summary>Describes a step: the operation, the resource, and its old and new states.</summary>
/// <param name="Op">What the step does.</param>
/// <param name="Urn">The resource's URN.</param>
/// <param name="Type">The resource's type token.</param>
/// <param name="Old">The resource's state before the step, or null for a create.</param>
/// <param name="New">The resource's state after the step, or null for a delete.</param>
/// <param name="Keys">Properties whose change forces the replacement, for a replace step.</param>
/// <param name="Diffs">Properties that changed.</param>
/// <param name="DetailedDiff">How each changed property changed.</param>
/// <param name="Logical">Whether the step is the one the user thinks of (false for the halves of a replacement).</param>
/// <param name="Provider">The provider reference of the resource (<c>urn::id</c>), or empty.</param>
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

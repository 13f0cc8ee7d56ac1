namespace EcrAutomation;

/// <summary>A former identity of a resource, so renaming or re-parenting it does not replace it.</summary>
public sealed record Alias
{
    /// <summary>The old URN, if known exactly.</summary>
    public string? Urn { get; init; }
    /// <summary>The old logical name (same type and parent unless given).</summary>
    public string? Name { get; init; }
    /// <summary>The old type token.</summary>
    public string? Type { get; init; }
    /// <summary>The old parent; <see cref="NoParent"/> for a former top-level resource.</summary>
    public Resource? Parent { get; init; }
    /// <summary>True when the resource used to have no parent (a stack child).</summary>
    public bool NoParent { get; init; }
}

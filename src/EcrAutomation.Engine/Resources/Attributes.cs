namespace EcrAutomation;

/// <summary>Marks a property of a <see cref="ResourceArgs"/> class as a resource input with its wire name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(string name, bool required = false) : Attribute
{
    public string Name { get; } = name;
    public bool IsRequired { get; } = required;
}

/// <summary>Marks an <see cref="Output{T}"/> property of a resource as filled from the provider's output with this name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;
}

/// <summary>Base class of resource argument bags. Properties carrying <see cref="InputAttribute"/> are sent to the provider.</summary>
public abstract class ResourceArgs
{
    /// <summary>An empty argument bag.</summary>
    public static readonly ResourceArgs Empty = new EmptyResourceArgs();

    private sealed class EmptyResourceArgs : ResourceArgs;
}

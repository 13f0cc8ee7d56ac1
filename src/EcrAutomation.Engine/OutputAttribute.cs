namespace EcrAutomation;

/// <summary>Marks an <see cref="Output{T}"/> property of a resource as filled from the provider's output with this name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute(string? name = null) : Attribute
{
    public string? Name { get; } = name;
}

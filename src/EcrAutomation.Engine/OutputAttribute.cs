namespace EcrAutomation;

/// <summary>Marks an <see cref="Output{T}"/> property of a resource as filled from the provider's output with this name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute(string? name = null) : Attribute
{
    /// <summary>The provider output's name; null: the property's name in camelCase.</summary>
    public string? Name { get; } = name;
}

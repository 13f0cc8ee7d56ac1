namespace EcrAutomation;

/// <summary>Marks a property of a <see cref="ResourceArgs"/> class as a resource input with its wire name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(string name, bool required = false) : Attribute
{
    public string Name { get; } = name;
    public bool IsRequired { get; } = required;
}

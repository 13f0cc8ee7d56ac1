namespace EcrAutomation;

/// <summary>Marks a property of a <see cref="ResourceArgs"/> class as a resource input with its wire name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(string name, bool required = false) : Attribute
{
    /// <summary>The input's name in the provider's property map (Pulumi's wire name, e.g. <c>imageTagMutability</c>).</summary>
    public string Name { get; } = name;
    /// <summary>Whether the resource cannot be created without it.</summary>
    public bool IsRequired { get; } = required;
}

namespace EcrAutomation;

/// <summary>
/// Marks a property (or, like Pulumi's generated args, the field behind a collection property that creates its list
/// on first use) of a <see cref="ResourceArgs"/> class as a resource input with its wire name.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class InputAttribute(string name, bool required = false, bool secret = false) : Attribute
{
    /// <summary>The input's name in the provider's property map (Pulumi's wire name, e.g. <c>imageTagMutability</c>).</summary>
    public string Name { get; } = name;
    /// <summary>Whether the resource cannot be created without it.</summary>
    public bool IsRequired { get; } = required;
    /// <summary>
    /// Whether the value is always secret (encrypted in state, hidden in events), however it was given, as Pulumi's
    /// schema marks a Kubernetes Secret's <c>data</c>; the output of the same name is then secret too.
    /// </summary>
    public bool IsSecret { get; } = secret;
}

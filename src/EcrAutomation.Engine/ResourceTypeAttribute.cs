namespace EcrAutomation;

/// <summary>
/// Names the Pulumi type token a resource class registers with (as Pulumi .NET's <c>Pulumi.ResourceTypeAttribute</c>),
/// so that the class can be found by its token without constructing it: the schema catalog
/// (<see cref="Schema.ResourceCatalog"/>) reads it to map YAML programs and <c>ecr-automation schema</c> to the C# classes.
/// </summary>
/// <param name="type">The canonical type token the class passes to its base constructor, e.g. <c>aws:ecr/repository:Repository</c>.</param>
/// <param name="version">The package version the class implements; null: the assembly's.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ResourceTypeAttribute(string type, string? version = null) : Attribute
{
    /// <summary>The canonical type token, e.g. <c>aws:ecr/repository:Repository</c> or <c>pulumi:providers:aws</c>.</summary>
    public string Type { get; } = type;

    /// <summary>The package version the class implements; null: the assembly's.</summary>
    public string? Version { get; } = version;
}

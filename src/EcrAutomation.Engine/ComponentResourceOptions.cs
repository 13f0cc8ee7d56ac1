namespace EcrAutomation;

/// <summary>Options for component resources.</summary>
public sealed class ComponentResourceOptions : ResourceOptions
{
    /// <summary>
    /// Explicit providers for the component's children, one per package (Pulumi's <c>providers</c>): a child of a package
    /// listed here uses that provider unless it or a nearer ancestor chooses another.
    /// </summary>
    public List<ProviderResource> Providers { get; set; } = [];
}

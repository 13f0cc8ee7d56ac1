namespace EcrAutomation;

/// <summary>Options shared by every resource, with Pulumi's names.</summary>
public abstract class ResourceOptions
{
    public Resource? Parent { get; set; }
    public List<Resource> DependsOn { get; set; } = [];
    public bool? Protect { get; set; }
    public List<string> IgnoreChanges { get; set; } = [];
    public CustomTimeouts? CustomTimeouts { get; set; }
    public List<Alias> Aliases { get; set; } = [];
    public bool? RetainOnDelete { get; set; }
    /// <summary>
    /// An explicit provider for this resource (and, on a component, for its children of the provider's package): its
    /// config replaces the stack's config of that package. Null: the stack's default provider.
    /// </summary>
    public ProviderResource? Provider { get; set; }
    public List<string> ReplaceOnChanges { get; set; } = [];
    public string? Id { get; set; }
}

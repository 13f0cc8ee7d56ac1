namespace EcrAutomation;

/// <summary>Per-operation time limits for a resource.</summary>
public sealed record CustomTimeouts
{
    public TimeSpan? Create { get; init; }
    public TimeSpan? Update { get; init; }
    public TimeSpan? Delete { get; init; }
}

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

/// <summary>Options for custom (provider-managed) resources.</summary>
public sealed class CustomResourceOptions : ResourceOptions
{
    public bool DeleteBeforeReplace { get; set; }
    /// <summary>Adopt an existing cloud resource with this id instead of creating it.</summary>
    public string? ImportId { get; set; }
    public List<string> AdditionalSecretOutputs { get; set; } = [];
}

/// <summary>Options for component resources.</summary>
public sealed class ComponentResourceOptions : ResourceOptions;

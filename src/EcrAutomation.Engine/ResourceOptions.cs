namespace EcrAutomation;

/// <summary>Options shared by every resource, with Pulumi's names.</summary>
public abstract class ResourceOptions
{
    /// <summary>The resource this one belongs to: its type becomes part of this URN and the display nests it. Null: the stack.</summary>
    public Resource? Parent { get; set; }
    /// <summary>Resources this one must wait for (created or updated before it, deleted after it) beyond those its inputs reference.</summary>
    public List<Resource> DependsOn { get; set; } = [];
    /// <summary>Refuse to delete the resource (a destroy or a removal from the program fails naming it) until this is cleared.</summary>
    public bool? Protect { get; set; }
    /// <summary>Input properties whose changes are ignored after creation: the recorded value is kept.</summary>
    public List<string> IgnoreChanges { get; set; } = [];
    /// <summary>Limits for the provider's create, update and delete calls; null: the provider's own.</summary>
    public CustomTimeouts? CustomTimeouts { get; set; }
    /// <summary>Former names or parents of this resource, so a rename moves it in state instead of replacing it.</summary>
    public List<Alias> Aliases { get; set; } = [];
    /// <summary>Leave the cloud resource in place when it is deleted from the stack (only the state entry goes).</summary>
    public bool? RetainOnDelete { get; set; }
    /// <summary>
    /// An explicit provider for this resource (and, on a component, for its children of the provider's package): its
    /// config replaces the stack's config of that package. Null: the stack's default provider.
    /// </summary>
    public ProviderResource? Provider { get; set; }
    /// <summary>Input properties whose changes force a replacement, in addition to those the provider names.</summary>
    public List<string> ReplaceOnChanges { get; set; } = [];
    /// <summary>
    /// The id of an existing cloud resource to read instead of managing it (Pulumi's <c>Id</c> option, what
    /// <c>Resource.get</c> and YAML's <c>get:</c> use): every update reads it afresh and records it as external; it is
    /// never created, updated or deleted, and leaving the program (or a destroy) only drops it from the state. The
    /// resource's arguments are the state the provider reads it with. Custom resources only.
    /// </summary>
    public Input<string>? Id { get; set; }
}

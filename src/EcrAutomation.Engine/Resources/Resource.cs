using EcrAutomation.Deployment;
using EcrAutomation.Providers;

namespace EcrAutomation;

/// <summary>
/// Base of every resource. Constructing one inside a running program registers it with that program's deployment;
/// there is no process-wide state, so many deployments can run at once in one process.
/// </summary>
public abstract class Resource
{
    private protected Resource(string type, string name, bool custom, ResourceArgs? args, ResourceOptions? options, bool isRoot = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var context = DeploymentContext.Current ?? throw new InvalidOperationException(
            $"Resource '{name}' ({type}) was created outside a running program. Create resources inside the program delegate passed to the Automation API (for example LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs(...))).");
        TypeToken.Validate(type);
        Type = type;
        Name = name;
        IsCustom = custom;
        Options = options;
        Context = context;
        Parent = isRoot ? null : options?.Parent ?? context.Root;
        QualifiedType = Parent is null || Parent.Parent is null ? type : $"{Parent.QualifiedType}${type}";
        UrnValue = Urns.Create(context.StackName, context.ProjectName, QualifiedType, name);
        Registration = context.Register(this, args ?? ResourceArgs.Empty);
        Urn = Output.Create(UrnValue);
        OutputProperties.Bind(this, Registration);
    }

    /// <summary>The type token, e.g. <c>aws:ecr/repository:Repository</c>.</summary>
    public string Type { get; }

    /// <summary>The logical name given in the program.</summary>
    public string Name { get; }

    /// <summary>The resource's URN.</summary>
    public Output<string> Urn { get; }

    /// <summary>Returns the type token.</summary>
    public string GetResourceType() => Type;

    /// <summary>Returns the logical name.</summary>
    public string GetResourceName() => Name;

    internal bool IsCustom { get; }
    internal ResourceOptions? Options { get; }
    internal Resource? Parent { get; }
    internal string QualifiedType { get; }
    internal string UrnValue { get; }
    internal DeploymentContext Context { get; }
    internal Task<RegistrationResult> Registration { get; }
}

/// <summary>A resource managed by a provider: it has an id and provider-computed outputs.</summary>
public class CustomResource : Resource
{
    protected CustomResource(string type, string name, ResourceArgs? args, CustomResourceOptions? options = null)
        : base(type, name, custom: true, args, options)
    {
        Id = new Output<string>(IdAsync());
    }

    /// <summary>The provider-assigned id; unknown during preview of a create.</summary>
    public Output<string> Id { get; }

    private async Task<OutputData<string>> IdAsync()
    {
        var r = await Registration.ConfigureAwait(false);
        return r.Id is null
            ? OutputData<string>.Unknown(false, [this])
            : new OutputData<string>(r.Id, true, false, [this]);
    }
}

/// <summary>A logical grouping of child resources; it has no provider and no id.</summary>
public class ComponentResource : Resource
{
    protected ComponentResource(string type, string name, ComponentResourceOptions? options = null)
        : this(type, name, null, options) { }

    protected ComponentResource(string type, string name, ResourceArgs? args, ComponentResourceOptions? options = null)
        : base(type, name, custom: false, args, options) { }

    private protected ComponentResource(string type, string name, bool isRoot)
        : base(type, name, custom: false, null, null, isRoot) { }

    /// <summary>Records the component's outputs in state (shown by the display and kept in checkpoints).</summary>
    protected void RegisterOutputs(IDictionary<string, object?>? outputs = null) =>
        Context.RegisterOutputs(this, outputs ?? new Dictionary<string, object?>());

    /// <summary>Records the outputs from a task.</summary>
    protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs) =>
        Context.RegisterOutputs(this, outputs);
}

/// <summary>
/// The root resource of every deployment (<c>pulumi:pulumi:Stack</c>). Derive from it to write a program as a class:
/// public properties marked with <see cref="OutputAttribute"/> become the stack outputs.
/// </summary>
public class Stack : ComponentResource
{
    internal const string RootType = "pulumi:pulumi:Stack";

    /// <summary>Creates the stack resource of the running program. Derived classes create their resources in their constructor.</summary>
    public Stack() : base(RootType, DeploymentContext.Current?.RootName ?? "stack", isRoot: true)
    {
        Context.SetRoot(this);
    }
}

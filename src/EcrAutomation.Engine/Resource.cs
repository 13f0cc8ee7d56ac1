using EcrAutomation.Deployment;

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

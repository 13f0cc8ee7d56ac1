using EcrAutomation.Deployment;

namespace EcrAutomation;

/// <summary>
/// The root resource of every deployment (<c>pulumi:pulumi:Stack</c>). Derive from it to write a program as a class:
/// public properties marked with <see cref="OutputAttribute"/> become the stack outputs.
/// </summary>
[ResourceType(RootType)]
public class Stack : ComponentResource
{
    internal const string RootType = "pulumi:pulumi:Stack";

    /// <summary>Creates the stack resource of the running program. Derived classes create their resources in their constructor.</summary>
    public Stack() : base(RootType, DeploymentContext.Current?.RootName ?? "stack", isRoot: true)
    {
        Context.SetRoot(this);
    }
}

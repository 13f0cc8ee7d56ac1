namespace EcrAutomation;

/// <summary>
/// A logical grouping of child resources (Pulumi's <c>ComponentResource</c>): it has no provider and no id, and exists in
/// state so that its children's URNs carry its type and the display can show them as a tree. Derive from it, create the
/// children with <c>Parent = this</c>, then call <see cref="RegisterOutputs(IDictionary{string, object?})"/>.
/// </summary>
public class ComponentResource : Resource
{
    /// <summary>Registers the component with the running program.</summary>
    /// <param name="type">The component's type token, <c>package:module:Type</c>.</param>
    /// <param name="name">The component's logical name, unique among resources of its type in the stack.</param>
    /// <param name="options">Parent, dependencies, aliases and the providers its children use.</param>
    protected ComponentResource(string type, string name, ComponentResourceOptions? options = null)
        : base(type, name, custom: false, null, options) { }

    private protected ComponentResource(string type, string name, bool isRoot)
        : base(type, name, custom: false, null, null, isRoot) { }

    /// <summary>Marks the component as complete without outputs.</summary>
    protected void RegisterOutputs() => Context.RegisterOutputs(this, new Dictionary<string, object?>());

    /// <summary>Records the component's outputs in state (shown by the display and kept in checkpoints) and marks it complete.</summary>
    /// <param name="outputs">Output names and values; values may be outputs of the children.</param>
    protected void RegisterOutputs(IDictionary<string, object?> outputs) => Context.RegisterOutputs(this, outputs);

    /// <summary>Records outputs that are computed asynchronously, once the task completes.</summary>
    /// <param name="outputs">The task that yields the output names and values.</param>
    protected void RegisterOutputs(Task<IDictionary<string, object?>> outputs) => Context.RegisterOutputs(this, outputs);
}

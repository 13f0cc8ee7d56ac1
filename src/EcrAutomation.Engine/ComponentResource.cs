namespace EcrAutomation;

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

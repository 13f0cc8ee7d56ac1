using EcrAutomation.Testing;

namespace EcrAutomation.Yaml.Tests;

/// <summary>Arguments of <see cref="OptionTestGroup"/>.</summary>
public sealed class OptionTestGroupArgs : ResourceArgs
{
    [Input("value")] public Input<string>? Value { get; set; }
}

/// <summary>A component with one <see cref="Thing"/> child, for options that reach a component's children (<c>providers</c>).</summary>
[ResourceType("test:index:OptionGroup")]
public sealed class OptionTestGroup : ComponentResource
{
    public OptionTestGroup(string name, OptionTestGroupArgs? args = null, ComponentResourceOptions? options = null) : base("test:index:OptionGroup", name, options)
    {
        Child = new Thing($"{name}-child", new ThingArgs { Value = args?.Value }, new CustomResourceOptions { Parent = this });
        RegisterOutputs(new Dictionary<string, object?>());
    }

    public Thing Child { get; }
}

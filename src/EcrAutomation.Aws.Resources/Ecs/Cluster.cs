namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>An ECS cluster (<c>aws:ecs/cluster:Cluster</c>).</summary>
[ResourceType(ClusterProvider.Type)]
public sealed class Cluster : CustomResource
{
    /// <summary>Declares the cluster; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="ClusterArgs.Name"/> is set).</summary>
    public Cluster(string name, ClusterArgs? args = null, CustomResourceOptions? options = null)
        : base(ClusterProvider.Type, name, args ?? new ClusterArgs(), options) { }

    /// <summary>The cluster's ARN (also the resource id); what <see cref="ServiceArgs.Cluster"/> takes.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The cluster name (the given or auto-generated one).</summary>
    [Output("name")] public Output<string> ClusterName { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Cluster"/> (pulumi-aws names).</summary>
public sealed class ClusterArgs : ResourceArgs
{
    /// <summary>The cluster name; unset means the resource name plus a random suffix. Changing it replaces the cluster.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>Cluster settings such as <c>containerInsights</c>; changing them replaces the cluster.</summary>
    [Input("settings")] public InputList<ClusterSettingArgs>? Settings { get; set; }
    /// <summary>Tags to apply to the cluster; updated in place.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>Inputs of <see cref="Cluster"/>.</summary>
public sealed class ClusterSettingArgs : ResourceArgs
{
    /// <summary>The setting name, e.g. <c>containerInsights</c>.</summary>
    [Input("name", required: true)] public Input<string>? Name { get; set; }
    /// <summary>The setting value, e.g. <c>enabled</c>.</summary>
    [Input("value", required: true)] public Input<string>? Value { get; set; }
}

namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>An ECS cluster (<c>aws:ecs/cluster:Cluster</c>).</summary>
public sealed class Cluster : CustomResource
{
    public Cluster(string name, ClusterArgs? args = null, CustomResourceOptions? options = null)
        : base(ClusterProvider.Type, name, args ?? new ClusterArgs(), options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("name")] public Output<string> ClusterName { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Cluster"/> (pulumi-aws names).</summary>
public sealed class ClusterArgs : ResourceArgs
{
    [Input("name")] public Input<string>? Name { get; set; }
    [Input("settings")] public InputList<ClusterSettingArgs>? Settings { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>Inputs of <see cref="Cluster"/>.</summary>
public sealed class ClusterSettingArgs : ResourceArgs
{
    [Input("name", required: true)] public Input<string>? Name { get; set; }
    [Input("value", required: true)] public Input<string>? Value { get; set; }
}

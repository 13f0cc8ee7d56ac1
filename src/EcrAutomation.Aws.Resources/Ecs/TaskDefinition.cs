namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>An ECS task definition revision (<c>aws:ecs/taskDefinition:TaskDefinition</c>).</summary>
public sealed class TaskDefinition : CustomResource
{
    public TaskDefinition(string name, TaskDefinitionArgs args, CustomResourceOptions? options = null)
        : base(TaskDefinitionProvider.Type, name, args, options) { }

    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    [Output("arnWithoutRevision")] public Output<string> ArnWithoutRevision { get; private set; } = null!;
    [Output("family")] public Output<string> Family { get; private set; } = null!;
    [Output("revision")] public Output<int> Revision { get; private set; } = null!;
    [Output("containerDefinitions")] public Output<string> ContainerDefinitions { get; private set; } = null!;
    [Output("cpu")] public Output<string> Cpu { get; private set; } = null!;
    [Output("memory")] public Output<string> Memory { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="TaskDefinition"/> (pulumi-aws names).</summary>
public sealed class TaskDefinitionArgs : ResourceArgs
{
    [Input("family", required: true)] public Input<string>? Family { get; set; }
    /// <summary>The container definitions as a JSON array (ECS's shape, camelCase).</summary>
    [Input("containerDefinitions", required: true)] public Input<string>? ContainerDefinitions { get; set; }
    [Input("cpu")] public Input<string>? Cpu { get; set; }
    [Input("memory")] public Input<string>? Memory { get; set; }
    [Input("networkMode")] public Input<string>? NetworkMode { get; set; }
    [Input("requiresCompatibilities")] public InputList<string>? RequiresCompatibilities { get; set; }
    [Input("executionRoleArn")] public Input<string>? ExecutionRoleArn { get; set; }
    [Input("taskRoleArn")] public Input<string>? TaskRoleArn { get; set; }
    [Input("runtimePlatform")] public Input<TaskDefinitionRuntimePlatformArgs>? RuntimePlatform { get; set; }
    /// <summary>Keep the revision registered when the resource is deleted or replaced.</summary>
    [Input("skipDestroy")] public Input<bool>? SkipDestroy { get; set; }
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>The runtime platform of a task definition.</summary>
public sealed class TaskDefinitionRuntimePlatformArgs : ResourceArgs
{
    [Input("operatingSystemFamily")] public Input<string>? OperatingSystemFamily { get; set; }
    [Input("cpuArchitecture")] public Input<string>? CpuArchitecture { get; set; }
}

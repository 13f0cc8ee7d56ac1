namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>An ECS task definition revision (<c>aws:ecs/taskDefinition:TaskDefinition</c>).</summary>
[ResourceType(TaskDefinitionProvider.Type)]
public sealed class TaskDefinition : CustomResource
{
    /// <summary>Declares the task definition; <c>up</c> registers a revision of its family, and any change but tags registers a new one.</summary>
    public TaskDefinition(string name, TaskDefinitionArgs args, CustomResourceOptions? options = null)
        : base(TaskDefinitionProvider.Type, name, args, options) { }

    /// <summary>The revision ARN (also the resource id); what <see cref="ServiceArgs.TaskDefinition"/> takes.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The family ARN without the revision number.</summary>
    [Output("arnWithoutRevision")] public Output<string> ArnWithoutRevision { get; private set; } = null!;
    /// <summary>The family name.</summary>
    [Output("family")] public Output<string> Family { get; private set; } = null!;
    /// <summary>The revision number within the family.</summary>
    [Output("revision")] public Output<int> Revision { get; private set; } = null!;
    /// <summary>The container definitions JSON in canonical form.</summary>
    [Output("containerDefinitions")] public Output<string> ContainerDefinitions { get; private set; } = null!;
    /// <summary>The task-level CPU units, as given.</summary>
    [Output("cpu")] public Output<string> Cpu { get; private set; } = null!;
    /// <summary>The task-level memory, as given.</summary>
    [Output("memory")] public Output<string> Memory { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="TaskDefinition"/> (pulumi-aws names).</summary>
public sealed class TaskDefinitionArgs : ResourceArgs
{
    /// <summary>The family the revision is registered in.</summary>
    [Input("family", required: true)] public Input<string>? Family { get; set; }
    /// <summary>The container definitions as a JSON array (ECS's shape, camelCase).</summary>
    [Input("containerDefinitions", required: true)] public Input<string>? ContainerDefinitions { get; set; }
    /// <summary>Task-level CPU units (<c>256</c> = 0.25 vCPU) or <c>1 vCPU</c>; Fargate requires it, from the sizes <see cref="FargateSizes"/> lists.</summary>
    [Input("cpu")] public Input<string>? Cpu { get; set; }
    /// <summary>Task-level memory in MiB (<c>512</c>) or <c>1 GB</c>; Fargate requires it, matching the CPU.</summary>
    [Input("memory")] public Input<string>? Memory { get; set; }
    /// <summary><c>awsvpc</c> (required by Fargate), <c>bridge</c>, <c>host</c> or <c>none</c>.</summary>
    [Input("networkMode")] public Input<string>? NetworkMode { get; set; }
    /// <summary>The launch types the definition must be valid for, e.g. <c>FARGATE</c>; checked at preview.</summary>
    [Input("requiresCompatibilities")] public InputList<string>? RequiresCompatibilities { get; set; }
    /// <summary>The role ECS assumes to pull images and write logs for the tasks.</summary>
    [Input("executionRoleArn")] public Input<string>? ExecutionRoleArn { get; set; }
    /// <summary>The role the containers' code runs as.</summary>
    [Input("taskRoleArn")] public Input<string>? TaskRoleArn { get; set; }
    /// <summary>The operating system and CPU architecture the tasks need.</summary>
    [Input("runtimePlatform")] public Input<TaskDefinitionRuntimePlatformArgs>? RuntimePlatform { get; set; }
    /// <summary>Keep the revision registered when the resource is deleted or replaced.</summary>
    [Input("skipDestroy")] public Input<bool>? SkipDestroy { get; set; }
    /// <summary>Tags to apply to the revision; updated in place (the only change that keeps the revision).</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>The runtime platform of a task definition.</summary>
public sealed class TaskDefinitionRuntimePlatformArgs : ResourceArgs
{
    /// <summary><c>LINUX</c> (default) or a Windows Server family.</summary>
    [Input("operatingSystemFamily")] public Input<string>? OperatingSystemFamily { get; set; }
    /// <summary><c>X86_64</c> (default) or <c>ARM64</c>.</summary>
    [Input("cpuArchitecture")] public Input<string>? CpuArchitecture { get; set; }
}

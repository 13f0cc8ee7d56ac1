namespace EcrAutomation.KubernetesApi.Controllers;

/// <summary>
/// A group of identical nodes the cluster should have (an EKS managed node group): how many, what each offers and how
/// they are labelled and tainted. <see cref="ClusterControllers.SyncNodesAsync"/> makes the Node objects match.
/// </summary>
public sealed record NodePool
{
    /// <summary>The pool's name (the node group name); nodes carry it as <c>eks.amazonaws.com/nodegroup</c>.</summary>
    public required string Name { get; init; }

    /// <summary>How many Ready nodes the pool has.</summary>
    public required int Count { get; init; }

    /// <summary>The EC2 instance type, e.g. <c>t3.medium</c> (label <c>node.kubernetes.io/instance-type</c>).</summary>
    public required string InstanceType { get; init; }

    /// <summary>vCPUs per node (capacity <c>cpu</c>).</summary>
    public required int Cpu { get; init; }

    /// <summary>Memory per node in MiB (capacity <c>memory</c>).</summary>
    public required int MemoryMiB { get; init; }

    /// <summary>How many pods a node takes (capacity <c>pods</c>; the scheduler honours it).</summary>
    public required int MaxPods { get; init; }

    /// <summary><c>amd64</c> or <c>arm64</c>.</summary>
    public string Architecture { get; init; } = "amd64";

    /// <summary><c>ON_DEMAND</c> or <c>SPOT</c> (label <c>eks.amazonaws.com/capacityType</c>).</summary>
    public string CapacityType { get; init; } = "ON_DEMAND";

    /// <summary>Extra node labels (the node group's labels).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Node taints; pods that do not tolerate them are not scheduled there.</summary>
    public IReadOnlyList<NodeTaint> Taints { get; init; } = [];
}

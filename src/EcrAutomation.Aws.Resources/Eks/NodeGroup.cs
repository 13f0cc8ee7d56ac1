using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// An EKS managed node group (<c>aws:eks/nodeGroup:NodeGroup</c>, Pulumi's <c>Aws.Eks.NodeGroup</c>): worker instances
/// that join the cluster. <c>up</c> waits until it is ACTIVE.
/// </summary>
[ResourceType(NodeGroupProvider.Type)]
public sealed class NodeGroup : CustomResource
{
    /// <summary>Declares the node group; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="NodeGroupArgs.NodeGroupName"/> is set).</summary>
    public NodeGroup(string name, NodeGroupArgs args, CustomResourceOptions? options = null)
        : base(NodeGroupProvider.Type, name, args, options) { }

    /// <summary>The node group's ARN.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>The node group name (the given or auto-generated one).</summary>
    [Output("nodeGroupName")] public Output<string> NodeGroupName { get; private set; } = null!;
    /// <summary>The cluster the node group belongs to.</summary>
    [Output("clusterName")] public Output<string> ClusterName { get; private set; } = null!;
    /// <summary>The node group status (ACTIVE once <c>up</c> has created it).</summary>
    [Output("status")] public Output<string> Status { get; private set; } = null!;
    /// <summary>The Kubernetes version of the nodes.</summary>
    [Output("version")] public Output<string> Version { get; private set; } = null!;
    /// <summary>The instance types the nodes run on (EKS's default: <c>t3.medium</c>).</summary>
    [Output("instanceTypes")] public Output<ImmutableArray<string>> InstanceTypes { get; private set; } = null!;
    /// <summary>The node counts the group keeps.</summary>
    [Output("scalingConfig")] public Output<NodeGroupScalingConfig> ScalingConfig { get; private set; } = null!;
    /// <summary>The AMI type the nodes run.</summary>
    [Output("amiType")] public Output<string> AmiType { get; private set; } = null!;
    /// <summary><c>ON_DEMAND</c> or <c>SPOT</c>.</summary>
    [Output("capacityType")] public Output<string> CapacityType { get; private set; } = null!;
    /// <summary>The AMI release version of the nodes.</summary>
    [Output("releaseVersion")] public Output<string> ReleaseVersion { get; private set; } = null!;
    /// <summary>The tags the node group has.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="NodeGroup"/> (pulumi-aws names).</summary>
public sealed class NodeGroupArgs : ResourceArgs
{
    /// <summary>The cluster to join (<see cref="Cluster.Name"/>). Changing it replaces the node group.</summary>
    [Input("clusterName", required: true)] public Input<string>? ClusterName { get; set; }
    /// <summary>The node group name; unset means the resource name plus a random suffix. Changing it replaces the node group.</summary>
    [Input("nodeGroupName")] public Input<string>? NodeGroupName { get; set; }
    /// <summary>The IAM role the nodes use (trusting <c>ec2.amazonaws.com</c>, with the EKS worker, CNI and ECR read policies). Changing it replaces the node group.</summary>
    [Input("nodeRoleArn", required: true)] public Input<string>? NodeRoleArn { get; set; }
    /// <summary>The subnets the nodes are placed in. Changing them replaces the node group.</summary>
    [Input("subnetIds", required: true)] public InputList<string>? SubnetIds { get; set; }
    /// <summary>The node counts; changing them scales the group in place (UpdateNodegroupConfig).</summary>
    [Input("scalingConfig", required: true)] public Input<NodeGroupScalingConfigArgs>? ScalingConfig { get; set; }
    /// <summary>Instance types; unset means EKS's default (<c>t3.medium</c>, which <see cref="NodeGroup.InstanceTypes"/> then reports). Changing them replaces the node group.</summary>
    [Input("instanceTypes")] public InputList<string>? InstanceTypes { get; set; }
    /// <summary>The Kubernetes version of the nodes; unset means the cluster's. Changed in place (UpdateNodegroupVersion).</summary>
    [Input("version")] public Input<string>? Version { get; set; }
    /// <summary>The AMI type, e.g. <c>AL2023_x86_64_STANDARD</c> (EKS's default for x86 instance types) or <c>AL2023_ARM_64_STANDARD</c>. Changing it replaces the node group.</summary>
    [Input("amiType")] public Input<string>? AmiType { get; set; }
    /// <summary><c>ON_DEMAND</c> (default) or <c>SPOT</c>. Changing it replaces the node group.</summary>
    [Input("capacityType")] public Input<string>? CapacityType { get; set; }
    /// <summary>Root volume size in GiB (EKS's default 20). Changing it replaces the node group.</summary>
    [Input("diskSize")] public Input<int>? DiskSize { get; set; }
    /// <summary>Kubernetes taints for the nodes (at most 50); updated in place.</summary>
    [Input("taints")] public InputList<NodeGroupTaintArgs>? Taints { get; set; }
    /// <summary>Kubernetes labels for the nodes; updated in place.</summary>
    [Input("labels")] public InputMap<string>? Labels { get; set; }
    /// <summary>Tags for the node group. The local cloud's EKS has no tagging API, so changing them replaces the node group.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
}

/// <summary>A taint of a node group's nodes (<see cref="NodeGroupArgs.Taints"/>).</summary>
public sealed class NodeGroupTaintArgs : ResourceArgs
{
    /// <summary>The taint key.</summary>
    [Input("key", required: true)] public Input<string>? Key { get; set; }
    /// <summary>The taint value, if any.</summary>
    [Input("value")] public Input<string>? Value { get; set; }
    /// <summary><c>NO_SCHEDULE</c>, <c>NO_EXECUTE</c> or <c>PREFER_NO_SCHEDULE</c> (EKS's spelling).</summary>
    [Input("effect", required: true)] public Input<string>? Effect { get; set; }
}

/// <summary>Node counts of a node group (<see cref="NodeGroupArgs.ScalingConfig"/>): <c>0 &lt;= MinSize &lt;= DesiredSize &lt;= MaxSize</c>.</summary>
public sealed class NodeGroupScalingConfigArgs : ResourceArgs
{
    /// <summary>How many nodes to run now.</summary>
    [Input("desiredSize", required: true)] public Input<int>? DesiredSize { get; set; }
    /// <summary>The fewest nodes the group scales to.</summary>
    [Input("minSize", required: true)] public Input<int>? MinSize { get; set; }
    /// <summary>The most nodes the group scales to (at least 1).</summary>
    [Input("maxSize", required: true)] public Input<int>? MaxSize { get; set; }
}

/// <summary>The node counts a node group keeps (<see cref="NodeGroup.ScalingConfig"/>).</summary>
public sealed class NodeGroupScalingConfig
{
    /// <summary>How many nodes run.</summary>
    [Output("desiredSize")] public int DesiredSize { get; init; }
    /// <summary>The fewest nodes the group scales to.</summary>
    [Output("minSize")] public int MinSize { get; init; }
    /// <summary>The most nodes the group scales to.</summary>
    [Output("maxSize")] public int MaxSize { get; init; }
}

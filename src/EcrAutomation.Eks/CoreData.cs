using System.Collections.Immutable;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Kubernetes.Core.V1;

namespace EcrAutomation.Eks;

/// <summary>
/// The cluster's core pieces (<see cref="Cluster.Core"/>, pulumi-eks' <c>CoreData</c>): what node groups and other
/// components built on the cluster need. Resolved values, like a Pulumi output type.
/// </summary>
public sealed class CoreData
{
    /// <summary>The EKS control plane.</summary>
    public required Aws.Resources.Eks.Cluster Cluster { get; init; }

    /// <summary>The IAM role of the control plane.</summary>
    public required Role ClusterIamRole { get; init; }

    /// <summary>The cluster security group, unless <see cref="ClusterArgs.SkipDefaultSecurityGroups"/>.</summary>
    public SecurityGroup? ClusterSecurityGroup { get; init; }

    /// <summary>The <c>kube-system/aws-auth</c> ConfigMap that maps the instance roles and the given roles and users.</summary>
    public required ConfigMap EksNodeAccess { get; init; }

    /// <summary>The Kubernetes API server's URL.</summary>
    public required string Endpoint { get; init; }

    /// <summary>The IAM roles of the nodes (mapped in <c>aws-auth</c>).</summary>
    public required ImmutableArray<Role> InstanceRoles { get; init; }

    /// <summary>The kubeconfig (the same document as <see cref="Cluster.Kubeconfig"/>).</summary>
    public required ImmutableDictionary<string, object?> Kubeconfig { get; init; }

    /// <summary>The Kubernetes provider for the cluster (<see cref="Cluster.Provider"/>).</summary>
    public required Kubernetes.Provider Provider { get; init; }

    /// <summary>The cluster's subnets.</summary>
    public required ImmutableArray<string> SubnetIds { get; init; }

    /// <summary>The public subnets given in <see cref="ClusterArgs.PublicSubnetIds"/> (empty when not given).</summary>
    public required ImmutableArray<string> PublicSubnetIds { get; init; }

    /// <summary>The private subnets given in <see cref="ClusterArgs.PrivateSubnetIds"/> (empty when not given).</summary>
    public required ImmutableArray<string> PrivateSubnetIds { get; init; }

    /// <summary>The tags given in <see cref="ClusterArgs.Tags"/>.</summary>
    public required ImmutableDictionary<string, string> Tags { get; init; }

    /// <summary>The VPC of the cluster.</summary>
    public required string VpcId { get; init; }

    /// <summary>The values as a stack output records them (resources by URN).</summary>
    internal IDictionary<string, object?> ToOutputs() => new Dictionary<string, object?>
    {
        ["cluster"] = Cluster,
        ["clusterIamRole"] = ClusterIamRole,
        ["clusterSecurityGroup"] = ClusterSecurityGroup,
        ["eksNodeAccess"] = EksNodeAccess,
        ["endpoint"] = Endpoint,
        ["instanceRoles"] = InstanceRoles,
        ["kubeconfig"] = Kubeconfig,
        ["provider"] = Provider,
        ["subnetIds"] = SubnetIds,
        ["publicSubnetIds"] = PublicSubnetIds,
        ["privateSubnetIds"] = PrivateSubnetIds,
        ["tags"] = Tags,
        ["vpcId"] = VpcId,
    };
}

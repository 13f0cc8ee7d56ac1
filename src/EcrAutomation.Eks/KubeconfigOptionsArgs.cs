namespace EcrAutomation.Eks;

/// <summary>
/// How the kubeconfig's <c>aws eks get-token</c> call gets its AWS credentials (pulumi-eks' <c>KubeconfigOptions</c>,
/// <see cref="ClusterArgs.ProviderCredentialOpts"/> and <see cref="Cluster.GetKubeconfig"/>).
/// </summary>
public sealed class KubeconfigOptionsArgs
{
    /// <summary>An AWS CLI profile: passed as <c>--profile</c> in the kubeconfig of the cluster's own Kubernetes provider and of <see cref="Cluster.GetKubeconfig"/>, never in the exported <see cref="Cluster.Kubeconfig"/> (so other users' profiles work with it).</summary>
    public Input<string>? ProfileName { get; init; }

    /// <summary>A role to assume for the token: passed as <c>--role</c> in every kubeconfig of the cluster.</summary>
    public Input<string>? RoleArn { get; init; }
}

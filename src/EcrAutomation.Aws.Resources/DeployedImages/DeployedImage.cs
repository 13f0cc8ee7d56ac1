namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>An image of a repository that a workload runs: an ACTIVE ECS task definition or a Deployment in an EKS cluster.</summary>
/// <param name="Digest">The image's digest (a tag in <paramref name="Image"/> resolved to it).</param>
/// <param name="Image">The image reference as the workload names it.</param>
/// <param name="ContainerName">The container that runs it.</param>
/// <param name="Runtime">Where it runs.</param>
/// <param name="Workload">ECS: the task definition's ARN; EKS: the Deployment as <c>namespace/name</c>.</param>
/// <param name="Cluster">EKS: the cluster's name; ECS: null (a task definition belongs to no cluster).</param>
public sealed record DeployedImage(string Digest, string Image, string ContainerName, DeployedImageRuntime Runtime, string Workload, string? Cluster = null)
{
    /// <summary>Where it runs, for messages: <c>task definition app:3</c> or <c>Deployment default/app in EKS cluster demo</c>.</summary>
    public string Location => Runtime == DeployedImageRuntime.Ecs
        ? $"task definition {Workload[(Workload.LastIndexOf('/') + 1)..]}"
        : $"Deployment {Workload} in EKS cluster {Cluster}";
}

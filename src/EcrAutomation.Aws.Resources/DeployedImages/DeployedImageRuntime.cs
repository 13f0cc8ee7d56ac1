namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>Where a <see cref="DeployedImage"/> runs.</summary>
public enum DeployedImageRuntime
{
    /// <summary>An ACTIVE ECS task definition.</summary>
    Ecs,

    /// <summary>A Deployment in an EKS cluster.</summary>
    Eks,
}
